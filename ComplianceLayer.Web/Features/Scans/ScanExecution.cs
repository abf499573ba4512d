using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Reports;
using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Scanning;
using ComplianceLayer.Domain.Webhooks;
using ComplianceLayer.Web.Features.Webhooks;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Scheduling;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ComplianceLayer.Web.Features.Scans;

public enum ScanStart
{
    Started,
    AtOrganizationCapacity,
    NothingToDo,
}

/// <summary>
/// Runs one queued scan: claims it (respecting the per-organization cap, atomically across nodes), runs the engine,
/// and stores the report and one finding row per issue in one transaction. Used by <see cref="ScanJob"/>.
/// </summary>
public sealed class ScanExecution(
    IDbContextFactory<AppDbContext> dbFactory,
    TenantContext tenant,
    ScanEngine engine,
    ScanProgressBroadcaster progress,
    WebhookDispatcher webhooks,
    IOptions<JobSchedulerOptions> options,
    TimeProvider time,
    ILogger<ScanExecution> logger)
{
    public async Task<ScanStart> TryStartAsync(Guid scanId, bool recovering, string? node, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var scan = await db.Scans.IgnoreQueryFilters([AppDbContext.TenantFilter]).SingleOrDefaultAsync(s => s.Id == scanId, cancellationToken);
        if (scan is null)
        {
            return ScanStart.NothingToDo; // deleted (domain removed, retention) since it was queued
        }
        tenant.Set(scan.OrganizationId);
        if (scan.Status == ScanStatus.Running && recovering)
        {
            // The node that ran it died: start again from the beginning.
            scan.Requeue();
        }
        if (scan.Status != ScanStatus.Queued)
        {
            return ScanStart.NothingToDo; // already done, or running on another node
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // One lock per organization, held to the end of the transaction: count and claim cannot interleave across nodes.
        var lockKey = BitConverter.ToInt64(scan.OrganizationId.ToByteArray(), 0);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({lockKey})", cancellationToken);
        var running = await db.Scans.CountAsync(s => s.Status == ScanStatus.Running, cancellationToken);
        if (running >= options.Value.MaxConcurrentScansPerOrganization)
        {
            await transaction.RollbackAsync(cancellationToken);
            return ScanStart.AtOrganizationCapacity;
        }
        scan.MarkRunning(time.GetUtcNow(), node);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await progress.PublishAsync(new ScanProgressEvent(scan.OrganizationId, scan.Id, scan.DomainId, ScanStatus.Running));
        return ScanStart.Started;
    }

    /// <summary>Runs the engine for a scan claimed by <see cref="TryStartAsync"/> and records the outcome.</summary>
    public async Task RunAsync(Guid scanId, CancellationToken cancellationToken)
    {
        Scan scan;
        string domainName;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            scan = await db.Scans.AsNoTracking().SingleAsync(s => s.Id == scanId, cancellationToken);
            domainName = await db.Domains.Where(d => d.Id == scan.DomainId).Select(d => d.Name).SingleAsync(cancellationToken);
        }

        var reporter = new Progress<ModuleProgress>(p => _ = progress.PublishAsync(new ScanProgressEvent(
            scan.OrganizationId, scan.Id, scan.DomainId, ScanStatus.Running, p.Module, p.Score)));
        ScanEngineResult result;
        try
        {
            result = await engine.RunAsync(domainName, new ScanRunOptions { ReportId = scan.ReportId }, reporter, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Scan {JobId} of {Domain} crashed", scan.JobId, domainName);
            result = ScanEngineResult.Failed("internal error while scanning; the error was logged");
        }
        await RecordAsync(scanId, result, cancellationToken);
    }

    private async Task RecordAsync(Guid scanId, ScanEngineResult result, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var scan = await db.Scans.SingleAsync(s => s.Id == scanId, cancellationToken);
        if (scan.Status != ScanStatus.Running)
        {
            return; // cancelled or recovered elsewhere meanwhile
        }
        var now = time.GetUtcNow();
        if (result.Report is { } report)
        {
            scan.Complete(report.Score, ReportJson.ValueOf(report.Grade), ReportJson.ValueOf(report.RiskLevel),
                report.AlgorithmVersion, ReportJson.Serialize(report), now);
            db.Findings.AddRange(report.Issues.Select(issue => new Finding
            {
                ScanId = scan.Id,
                DomainId = scan.DomainId,
                Code = issue.Code,
                Fingerprint = issue.Fingerprint,
                Module = issue.Module,
                Severity = issue.Severity,
                Title = issue.Finding.Length > 400 ? issue.Finding[..400] : issue.Finding,
                CreatedAt = now,
            }));
        }
        else
        {
            scan.Fail(result.FailureReason ?? "the scan failed", now);
        }
        await db.SaveChangesAsync(cancellationToken);
        await progress.PublishAsync(new ScanProgressEvent(scan.OrganizationId, scan.Id, scan.DomainId, scan.Status, Score: scan.Score, Grade: scan.Grade));
        // After the commit: a receiver that calls GET /v1/scan/jobs/{job_id} at once sees what the payload says.
        try
        {
            await webhooks.EnqueueForScanAsync(scan.JobId,
                scan.Status == ScanStatus.Completed ? WebhookEvents.ScanCompleted : WebhookEvents.ScanFailed, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The scan's outcome is recorded; a webhook problem must not turn it into a crash or a re-run.
            logger.LogError(ex, "Could not queue webhooks for scan {JobId}", scan.JobId);
        }
    }

    /// <summary>Puts a scan interrupted by a shutdown back in the queue, so that no scan is lost.</summary>
    public async Task RequeueAsync(Guid scanId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var scan = await db.Scans.SingleOrDefaultAsync(s => s.Id == scanId, cancellationToken);
        if (scan is { Status: ScanStatus.Running })
        {
            scan.Requeue();
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
