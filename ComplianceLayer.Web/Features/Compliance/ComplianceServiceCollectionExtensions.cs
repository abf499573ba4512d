namespace ComplianceLayer.Web.Features.Compliance;

public static class ComplianceServiceCollectionExtensions
{
    /// <summary>The compliance matrix queries (page, drill-down and CSV export).</summary>
    public static IServiceCollection AddCompliance(this IServiceCollection services)
    {
        services.AddScoped<ComplianceMatrixQueries>();
        // The client page's compliance summary is the matrix's client column, so its queries come with this feature.
        services.AddScoped<Clients.ClientOverviewQueries>();
        return services;
    }
}
