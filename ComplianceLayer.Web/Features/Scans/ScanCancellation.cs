using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Web.Features.Audit;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Features.Scans;

/// <summary>
/// Cancels a queued or running scan. The API's lifecycle has no "cancelled" state, so a cancelled scan is failed with
/// a reason that says who cancelled it; a job still running it discards its result when it sees the scan is no longer running.
/// </summary>
public sealed class ScanCancellation(
    CurrentMember currentMember,
    IDbContextFactory<AppDbContext> dbFactory,
    AuditLog audit,
    ScanProgressBroadcaster progress,
    TimeProvider time)
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
    }
}
