namespace ComplianceLayer.Web.Features.Privacy.Export;

public static class ExportServiceCollectionExtensions
{
    public static IServiceCollection AddExports(this IServiceCollection services)
    {
        services.AddOptions<ExportOptions>().BindConfiguration(ExportOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => !string.IsNullOrWhiteSpace(o.Directory), "Exports:Directory must name a directory for export files.")
            .ValidateOnStart();
        services.AddSingleton<ExportFiles>();
        services.AddSingleton<ExportExpirySweeper>();
        services.AddScoped<ScanHistoryWriter>();
        services.AddScoped<ScanExportScheduler>();
        services.AddScoped<ScanExports>();
        services.AddScoped<ScanExportRunner>();
        services.AddScoped<MyDataExport>();
        return services;
    }
}
