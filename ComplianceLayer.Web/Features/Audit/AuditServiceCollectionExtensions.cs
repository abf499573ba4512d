namespace ComplianceLayer.Web.Features.Audit;

public static class AuditServiceCollectionExtensions
{
    public static IServiceCollection AddAuditLog(this IServiceCollection services)
    {
        services.AddSingleton<AuditLog>();
        services.AddScoped<AuditQueries>();
        return services;
    }
}
