using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Web.Features.Billing;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ComplianceLayer.Web.Features.Scans;

/// <summary>The outcome of a scan request: the scan, and whether it is new or one already queued or running.</summary>
public sealed record ScanRequestResult(Scan Scan, bool Created);

/// <summary>What "scan all domains" of a client did; <paramref name="StoppedBy"/> says why it stopped early (the plan's scan quota).</summary>
public sealed record ClientScanRequest(int Domains, int Queued, string? StoppedBy = null)
{
    public string Describe() => Domains == 0
        ? "This client has no domains to scan."
        : StoppedBy is not null
            ? $"Queued {Queued} of {Domains} domains. {StoppedBy}"
            : $"Queued {Queued} of {Domains} domains" + (Queued < Domains ? $" ({Domains - Queued} already queued or running)." : ".");
}

/// <summary>
/// Requests scans: one code path for the UI, the API and schedules. A domain with a scan already queued or running
/// gets that scan back instead of a second one (a partial unique index is the final guard against races).
/// </summary>
public sealed class ScanRequests(
    CurrentMember currentMember,
    IDbContextFactory<AppDbContext> dbFactory,
    TenantContext tenant,
    ScanDispatcher dispatcher,
    PlanGuard planGuard,
    TimeProvider time)
{
    /// <summary>A signed-in member asks for a scan of one of their organization's domains.</summary>
    public async Task<ScanRequestResult> RequestAsync(Guid domainId, CancellationToken cancellationToken)
    {
        var member = await currentMember.RequireAsync(Capability.RunScans, cancellationToken);
        return await RequestCoreAsync(domainId, ScanTrigger.Manual, member.UserId, null, TimeSpan.Zero, cancellationToken);
    }

    /// <summary>Scans every domain of a client (each de-duplicated as a single request would be).</summary>
    public async Task<ClientScanRequest> RequestClientAsync(Guid clientId, CancellationToken cancellationToken)
    {
        var member = await currentMember.RequireAsync(Capability.RunScans, cancellationToken);
        List<Guid> domainIds;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.Clients.AnyAsync(c => c.Id == clientId, cancellationToken))
            {
                throw new ValidationFailedException("This client does not exist (it may have been deleted).");
            }
            domainIds = await db.Domains.Where(d => d.ClientId == clientId).OrderBy(d => d.Name).Select(d => d.Id).ToListAsync(cancellationToken);
        }
        var queued = 0;
        foreach (var domainId in domainIds)
        {
            try
            {
                var result = await RequestCoreAsync(domainId, ScanTrigger.Manual, member.UserId, null, TimeSpan.Zero, cancellationToken);
                queued += result.Created ? 1 : 0;
            }
            catch (PlanLimitExceededException ex) when (queued > 0)
            {
                // The quota ran out part-way: keep what was queued and say why the rest was not.
                return new ClientScanRequest(domainIds.Count, queued, ex.Message);
            }
        }
        return new ClientScanRequest(domainIds.Count, queued);
    }

    /// <summary>A scan asked for by the system (a schedule) or an API key, for an organization set explicitly.</summary>
    public Task<ScanRequestResult> RequestForOrganizationAsync(
        Guid organizationId, Guid domainId, ScanTrigger trigger, Guid? apiKeyId, CancellationToken cancellationToken) =>
        RequestForOrganizationAsync(organizationId, domainId, trigger, apiKeyId, TimeSpan.Zero, cancellationToken);

    /// <summary>
    /// As above, but the new scan's job starts only after <paramref name="delay"/> (schedules spread their domains so
    /// that a large client does not start all its scans in the same second). The scan is <c>queued</c> meanwhile.
    /// </summary>
    public Task<ScanRequestResult> RequestForOrganizationAsync(
        Guid organizationId, Guid domainId, ScanTrigger trigger, Guid? apiKeyId, TimeSpan delay, CancellationToken cancellationToken)
    {
        tenant.Set(organizationId);
        return RequestCoreAsync(domainId, trigger, null, apiKeyId, delay, cancellationToken);
    }

    private async Task<ScanRequestResult> RequestCoreAsync(
        Guid domainId, ScanTrigger trigger, string? userId, Guid? apiKeyId, TimeSpan delay, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var domainExists = await db.Domains.AnyAsync(d => d.Id == domainId, cancellationToken);
        if (!domainExists)
        {
            throw new ValidationFailedException("This domain does not exist (it may have been deleted).");
        }
        var active = await FindActiveAsync(db, domainId, cancellationToken);
        if (active is not null)
        {
            return new ScanRequestResult(active, false);
        }
        // Only a new scan counts against the plan: a de-duplicated request returns the running one above.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await PlanGuard.LockUsageAsync(db, tenant.OrganizationId!.Value, cancellationToken);
        await planGuard.EnsureCanScanAsync(1, cancellationToken);

        var scan = new Scan
        {
            DomainId = domainId,
            Trigger = trigger,
            RequestedByUserId = userId,
            RequestedByApiKeyId = apiKeyId,
            QueuedAt = time.GetUtcNow(),
        };
        db.Scans.Add(scan);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another request for the same domain won the race: return its scan.
            await using var again = await dbFactory.CreateDbContextAsync(cancellationToken);
            var winner = await FindActiveAsync(again, domainId, cancellationToken);
            if (winner is not null)
            {
                return new ScanRequestResult(winner, false);
            }
            throw;
        }
        await dispatcher.EnqueueAsync(scan.Id, delay, cancellationToken);
        return new ScanRequestResult(scan, true);
    }

    private static Task<Scan?> FindActiveAsync(AppDbContext db, Guid domainId, CancellationToken cancellationToken) =>
        db.Scans.AsNoTracking()
            .Where(s => s.DomainId == domainId && (s.Status == ScanStatus.Queued || s.Status == ScanStatus.Running))
            .OrderBy(s => s.QueuedAt)
            .FirstOrDefaultAsync(cancellationToken);
}
