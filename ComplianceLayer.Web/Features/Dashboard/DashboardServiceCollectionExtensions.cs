namespace ComplianceLayer.Web.Features.Dashboard;

public static class DashboardServiceCollectionExtensions
{
    public static IServiceCollection AddDashboard(this IServiceCollection services) => services.AddScoped<PortfolioQueries>();
}
