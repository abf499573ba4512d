using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Domain.Webhooks;
using ComplianceLayer.Web.Features.Audit;
using ComplianceLayer.Web.Features.Webhooks;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Features.Scans;

/// <summary>
/// Cancels a queued or running scan. The API's lifecycle has no "cancelled" state, so a cancelled scan is failed with
/// a reason that says who cancelled it (and scan.failed webhooks are sent); a job still running it discards its result when it sees
/// the scan is no longer running.
/// </summary>
public sealed class ScanCancellation(
    CurrentMember currentMember,
    IDbContextFactory<AppDbContext> dbFactory,
    AuditLog audit,
    ScanProgressBroadcaster progress,
    WebhookDispatcher webhooks,
    TimeProvider time,
    ILogger<ScanCancellation> logger)
{
    public async Task CancelAsync(Guid scanId, CancellationToken cancellationToken)
    {
        var member = await currentMember.RequireAsync(Capability.RunScans, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var scan = await db.Scans.SingleOrDefaultAsync(s => s.Id == scanId, cancellationToken)
            ?? throw new ValidationFailedException("This scan does not exist.");
        if (!scan.IsActive)
        {
            throw new ValidationFailedException($"Scan {scan.JobId} has already {scan.Status.ToString().ToLowerInvariant()}.");
        }
        scan.Fail($"cancelled by {member.Email}", time.GetUtcNow());
        audit.Record(db, member, "scan.cancelled", "scan", scan.JobId, $"Cancelled scan {scan.JobId}.");
        await db.SaveChangesAsync(cancellationToken);
        await progress.PublishAsync(new ScanProgressEvent(scan.OrganizationId, scan.Id, scan.DomainId, ScanStatus.Failed));
        // A cancelled scan is a failed job to API clients: tell the webhooks too.
        try
        {
            await webhooks.EnqueueForScanAsync(scan.JobId, WebhookEvents.ScanFailed, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not queue webhooks for cancelled scan {JobId}", scan.JobId);
        }
    }
}
