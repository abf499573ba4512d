using ComplianceLayer.Web.Features.Privacy.Deletion;
using ComplianceLayer.Web.Features.Privacy.Retention;
using ComplianceLayer.Web.Features.Privacy;
using ComplianceLayer.Web.Features.Privacy.Export;
using ComplianceLayer.Web.Features.Scans;
using ComplianceLayer.Web.Features.Schedules;
using ComplianceLayer.Web.Features.Webhooks;
using Quartz;

namespace ComplianceLayer.Web.Infrastructure.Scheduling;

public static class SchedulingServiceCollectionExtensions
{
    public static WebApplicationBuilder AddScheduling(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<JobSchedulerOptions>().BindConfiguration(JobSchedulerOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(JobSchedulerOptions.SectionName).Get<JobSchedulerOptions>() ?? new JobSchedulerOptions();
        var connectionString = builder.Configuration.GetConnectionString("DefaultConnection")!;

        builder.Services.AddQuartz(q =>
        {
            q.UseDefaultThreadPool(tp => tp.MaxConcurrency = options.MaxConcurrency);
            q.AddJob<ScanJob>(j => j.WithIdentity(ScanJob.Key).StoreDurably().RequestRecovery());
            q.AddJob<ScanSweeperJob>(j => j.WithIdentity(ScanSweeperJob.Key).StoreDurably());
            q.AddTrigger(t => t.WithIdentity("scan-sweeper-every-minute", "maintenance").ForJob(ScanSweeperJob.Key)
                .WithCronSchedule("0 * * * * ?"));
            q.AddJob<ScheduledScanJob>(j => j.WithIdentity(ScheduledScanJob.Key).StoreDurably());
            q.AddJob<WebhookDeliveryJob>(j => j.WithIdentity(WebhookDeliveryJob.Key).StoreDurably().RequestRecovery());
            q.AddJob<RetentionJob>(j => j.WithIdentity(RetentionJob.Key).StoreDurably());
            q.AddTrigger(t => t.WithIdentity("retention-daily", "maintenance").ForJob(RetentionJob.Key)
                .WithCronSchedule("0 15 3 * * ?", c => c.InTimeZone(TimeZoneInfo.Utc)));
            q.AddJob<AccountDeletionJob>(j => j.WithIdentity(AccountDeletionJob.Key).StoreDurably());
            q.AddTrigger(t => t.WithIdentity("account-deletion-hourly", "maintenance").ForJob(AccountDeletionJob.Key)
                .WithCronSchedule(AccountDeletionJob.Cron, c => c.InTimeZone(TimeZoneInfo.Utc)));
            q.AddJob<ScanExportJob>(j => j.WithIdentity(ScanExportJob.Key).StoreDurably().RequestRecovery());
            q.AddJob<ExportExpiryJob>(j => j.WithIdentity(ExportExpiryJob.Key).StoreDurably());
            q.AddTrigger(t => t.WithIdentity("export-expiry-every-15-minutes", "maintenance").ForJob(ExportExpiryJob.Key)
                .WithCronSchedule("0 */15 * * * ?"));
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(connectionString);
                store.UseClustering(c => c.CheckinInterval = options.ClusterCheckinInterval);
                // The schema comes from an EF migration; Quartz only validates it. JSON is Quartz 4's default serializer.
                store.ConfigureStore(o => o.SchemaProvisioning = SchemaProvisioning.Validate);
            });
        });
        if (options.Enabled)
        {
            builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        }
        return builder;
    }
}
