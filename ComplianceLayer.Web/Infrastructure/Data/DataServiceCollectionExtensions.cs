using ComplianceLayer.Web.Infrastructure.Data.Interceptors;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Infrastructure.Data;

public static class DataServiceCollectionExtensions
{
    public static WebApplicationBuilder AddData(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("DefaultConnection");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "ConnectionStrings:DefaultConnection is not set. Set it in appsettings or the environment variable ConnectionStrings__DefaultConnection.");
        }

        builder.Services.AddScoped<TenantContext>();
        builder.Services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<TenantContext>());
        builder.Services.AddScoped<TenantSaveChangesInterceptor>();

        // A scoped factory: components and services create a short-lived context per operation, and each
        // context still sees the scope's tenant. It also registers AppDbContext itself (scoped) for Identity.
        builder.Services.AddDbContextFactory<AppDbContext>((sp, options) => options
                .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
                .AddInterceptors(sp.GetRequiredService<TenantSaveChangesInterceptor>()),
            ServiceLifetime.Scoped);
        builder.Services.AddDatabaseDeveloperPageExceptionFilter();

        builder.Services.AddDataProtection()
            .SetApplicationName("ComplianceLayer")
            .PersistKeysToDbContext<AppDbContext>();

        builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");
        return builder;
    }
}
