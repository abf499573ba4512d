namespace ComplianceLayer.Web.Features.Privacy.Retention;

public static class PrivacyRetentionServiceCollectionExtensions
{
    public static IServiceCollection AddPrivacyRetention(this IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ApiRequestLogRetention>();
        services.AddSingleton<AuditEventRetention>();
        services.AddScoped<CanceledOrganizationRetention>();
        return services;
    }
}
