using ComplianceLayer.Scanning.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ComplianceLayer.Scanning;

public static class ScanningServiceCollectionExtensions
{
    /// <summary>Registers the scanner's network layer with validated <see cref="ScanningOptions"/>.</summary>
    public static IServiceCollection AddScanning(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<ScanningOptions>()
            .Bind(configuration.GetSection(ScanningOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ScanningOptions>, ScanningOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<TargetGuard>();
        services.TryAddSingleton<ScannerDnsResolver>();
        services.TryAddSingleton<GuardedConnector>();
        services.TryAddSingleton<GuardedHttpClient>();
        services.TryAddSingleton<TlsHandshaker>();
        services.TryAddSingleton<TcpPortProber>();
        services.TryAddSingleton<ScanNetwork>();
        services.TryAddSingleton<IReadOnlyList<IScanModule>>(_ => ScanModuleCatalog.Create());
        services.TryAddSingleton<ScanEngine>();
        return services;
    }
}
