using ComplianceLayer.Domain.ApiKeys;
using ComplianceLayer.Domain.Audit;
using ComplianceLayer.Domain.Billing;
using ComplianceLayer.Domain.Clients;
using ComplianceLayer.Domain.Domains;
using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Domain.Privacy;
using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Domain.Schedules;
using ComplianceLayer.Domain.Tenancy;
using ComplianceLayer.Domain.Webhooks;
using ComplianceLayer.Web.Infrastructure.Data.Configurations;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Infrastructure.Data;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options, ITenantContext tenant)
    : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public const string TenantFilter = "Tenant";

    /// <summary>Read by the query filters for each query, so one model serves every tenant.</summary>
    public Guid? CurrentOrganizationId => tenant.OrganizationId;

    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<Client> Clients => Set<Client>();
    public DbSet<MonitoredDomain> Domains => Set<MonitoredDomain>();
    public DbSet<Scan> Scans => Set<Scan>();
    public DbSet<Finding> Findings => Set<Finding>();
    public DbSet<ScanSchedule> ScanSchedules => Set<ScanSchedule>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<ApiRequestLog> ApiRequestLogs => Set<ApiRequestLog>();
    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<ExportRequest> ExportRequests => Set<ExportRequest>();
    public DbSet<BillingRecord> BillingRecords => Set<BillingRecord>();
    public DbSet<ProcessedStripeEvent> ProcessedStripeEvents => Set<ProcessedStripeEvent>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfiguration(new ApplicationUserConfiguration());
        builder.ApplyConfiguration(new OrganizationConfiguration());
        builder.ApplyConfiguration(new MembershipConfiguration());
        builder.ApplyConfiguration(new InvitationConfiguration());
        builder.ApplyConfiguration(new ClientConfiguration());
        builder.ApplyConfiguration(new MonitoredDomainConfiguration());
        builder.ApplyConfiguration(new ScanConfiguration());
        builder.ApplyConfiguration(new FindingConfiguration());
        builder.ApplyConfiguration(new AuditEventConfiguration());
        builder.ApplyConfiguration(new ApiKeyConfiguration());
        builder.ApplyConfiguration(new ApiRequestLogConfiguration());
        builder.ApplyConfiguration(new ScanScheduleConfiguration());
        builder.ApplyConfiguration(new WebhookEndpointConfiguration());
        builder.ApplyConfiguration(new WebhookDeliveryConfiguration());
        builder.ApplyConfiguration(new ExportRequestConfiguration());
        builder.ApplyConfiguration(new BillingRecordConfiguration());
        builder.ApplyConfiguration(new ProcessedStripeEventConfiguration());

        // Every tenant-owned entity is listed here; a test fails if one is missing.
        FilterByTenant<Membership>(builder);
        FilterByTenant<Invitation>(builder);
        FilterByTenant<Client>(builder);
        FilterByTenant<MonitoredDomain>(builder);
        FilterByTenant<Scan>(builder);
        FilterByTenant<Finding>(builder);
        FilterByTenant<AuditEvent>(builder);
        FilterByTenant<ApiKey>(builder);
        FilterByTenant<ApiRequestLog>(builder);
        FilterByTenant<ScanSchedule>(builder);
        FilterByTenant<WebhookEndpoint>(builder);
        FilterByTenant<WebhookDelivery>(builder);
        FilterByTenant<ExportRequest>(builder);
        FilterByTenant<BillingRecord>(builder);
    }

    private void FilterByTenant<T>(ModelBuilder builder) where T : class, ITenantOwned =>
        builder.Entity<T>().HasQueryFilter(TenantFilter, e => e.OrganizationId == CurrentOrganizationId);
}
