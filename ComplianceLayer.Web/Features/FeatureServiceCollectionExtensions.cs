using ComplianceLayer.Scanning;
using ComplianceLayer.Web.Features.ApiKeys;
using ComplianceLayer.Web.Features.Audit;
using ComplianceLayer.Web.Features.Billing;
using ComplianceLayer.Web.Features.Dashboard;
using ComplianceLayer.Web.Features.Members;
using ComplianceLayer.Web.Features.Clients;
using ComplianceLayer.Web.Features.Compliance;
using ComplianceLayer.Web.Features.Domains;
using ComplianceLayer.Web.Features.Organizations;
using ComplianceLayer.Web.Features.Privacy;
using ComplianceLayer.Web.Features.Reports;
using ComplianceLayer.Web.Features.Privacy.Deletion;
using ComplianceLayer.Web.Features.Privacy.Retention;
using ComplianceLayer.Web.Features.Privacy.Export;
using ComplianceLayer.Web.Features.Scans;
using ComplianceLayer.Web.Features.Schedules;
using ComplianceLayer.Web.Features.Settings;

namespace ComplianceLayer.Web.Features;

public static class FeatureServiceCollectionExtensions
{
    /// <summary>Registers every feature's services. One explicit list: each feature adds its own line.</summary>
    public static WebApplicationBuilder AddFeatures(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScanning(builder.Configuration);
        builder.Services.AddAuditLog();
        builder.Services.AddScoped<OrganizationOnboarding>();
        builder.Services.AddScoped<DemoTenantSeeder>();
        builder.Services.AddDashboard();
        builder.Services.AddSingleton<ScanProgressHub>();
        builder.Services.AddSingleton<ScanProgressBroadcaster>();
        builder.Services.AddHostedService<ScanProgressListener>();
        builder.Services.AddScoped<ScanDispatcher>();
        builder.Services.AddScoped<ScanRequests>();
        builder.Services.AddScoped<ScanExecution>();
        builder.Services.AddScoped<ScanQueries>();
        builder.Services.AddScoped<ScanCancellation>();
        builder.Services.AddScoped<ScanSweeper>();
        builder.Services.AddScoped<ComplianceLayer.Web.Features.Reports.DomainReportQueries>();
        builder.Services.AddScoped<ComplianceLayer.Web.Features.Reports.DomainTrendQueries>();
        builder.Services.AddReports();
        builder.Services.AddSingleton<ScanHistoryRetention>();
        builder.Services.AddScoped<MemberService>();
        builder.Services.AddScoped<InvitationAcceptance>();
        builder.Services.AddScoped<OrganizationSwitcher>();
        builder.Services.AddScoped<ClientService>();
        builder.Services.AddScoped<DomainService>();
        builder.Services.AddScoped<ApiKeyService>();
        builder.Services.AddScoped<ScheduleTriggers>();
        builder.Services.AddScoped<ScheduleService>();
        builder.Services.AddScoped<ScheduledScans>();
        builder.Services.AddCompliance();
        builder.Services.AddPrivacyDeletion();
        builder.Services.AddPrivacyRetention();
        builder.Services.AddSettings();
        builder.Services.AddExports();
        builder.AddBilling();
        return builder;
    }
}
