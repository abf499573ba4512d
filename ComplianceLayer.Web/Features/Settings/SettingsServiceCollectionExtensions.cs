namespace ComplianceLayer.Web.Features.Settings;

public static class SettingsServiceCollectionExtensions
{
    public static IServiceCollection AddSettings(this IServiceCollection services)
    {
        services.AddScoped<CurrentUser>();
        services.AddScoped<ProfileService>();
        services.AddScoped<OrganizationSettingsService>();
        return services;
    }
}
