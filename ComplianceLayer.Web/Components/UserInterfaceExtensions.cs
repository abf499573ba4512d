using ComplianceLayer.Web.Components.Account;
using ComplianceLayer.Web.Features.Api;
using ComplianceLayer.Web.Features.Compliance;
using ComplianceLayer.Web.Features.Audit;
using ComplianceLayer.Web.Features.Privacy.Export;
using ComplianceLayer.Web.Features.Billing;
using ComplianceLayer.Web.Features.Scans;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using MudBlazor.Services;

namespace ComplianceLayer.Web.Components;

public static class UserInterfaceExtensions
{
    public static WebApplicationBuilder AddUserInterface(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        return builder;
    }

    public static WebApplication UseUserInterface(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            app.UseMigrationsEndPoint();
        }
        else
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        if (app.Configuration.GetValue("Hosting:UseHttpsRedirection", false))
        {
            app.UseHttpsRedirection();
        }
        app.UseApi();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapUserInterface(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAdditionalIdentityEndpoints();
        app.MapReportDownloads();
        app.MapComplianceEndpoints();
        app.MapPrivacyExports();
        app.MapAuditExport();
        app.MapApi();
        app.MapStripeWebhook();
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            ResponseWriter = HealthResponseWriter.WriteAsync,
        }).DisableHttpMetrics();
        return app;
    }
}
