namespace ComplianceLayer.Web.Features.Reports;

public static class ReportsServiceCollectionExtensions
{
    /// <summary>The report views' queries beyond the domain overview and trend: one scan, its changes, a domain's history.</summary>
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddScoped<ScanReportQueries>();
        services.AddScoped<ReportDiffQueries>();
        services.AddScoped<DomainHistoryQueries>();
        return services;
    }
}
