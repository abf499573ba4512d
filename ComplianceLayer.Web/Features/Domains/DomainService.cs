using ComplianceLayer.Domain.Clients;
using ComplianceLayer.Domain.Domains;
using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Web.Features.Audit;
using ComplianceLayer.Web.Features.Billing;
using ComplianceLayer.Web.Features.Clients;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ComplianceLayer.Web.Features.Domains;

/// <summary>
/// Lists, adds (one or in bulk), moves and deletes an organization's monitored domains. Every operation authorises
/// the member first, which also sets the tenant, so the query filters confine it to the member's organization.
/// </summary>
public sealed partial class DomainService(
    CurrentMember currentMember,
    IDbContextFactory<AppDbContext> dbFactory,
    AuditLog audit,
    PlanGuard planGuard,
    TimeProvider time)
{
    public async Task<PagedResult<DomainSummary>> ListAsync(DomainListQuery query, CancellationToken cancellationToken)
    {
        await currentMember.RequireAsync(Capability.ViewData, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        var domains = db.Domains.AsNoTracking();
        if (query.ClientId is { } clientId)
        {
            domains = domains.Where(d => d.ClientId == clientId);
        }
        if (Paging.ContainsPattern(query.Search) is { } pattern)
        {
            domains = domains.Where(d => EF.Functions.ILike(d.Name, pattern, @"\") || EF.Functions.ILike(d.DisplayName, pattern, @"\"));
        }
        var completed = db.Scans.Where(s => s.Status == ScanStatus.Completed);
        if (query.State == DomainScanState.NeverScanned)
        {
            domains = domains.Where(d => !completed.Any(s => s.DomainId == d.Id));
        }
        else if (query.State == DomainScanState.Stale)
        {
            var cutoff = time.GetUtcNow().AddDays(-query.StaleAfterDays);
            domains = domains.Where(d => completed.Any(s => s.DomainId == d.Id)
                && completed.Where(s => s.DomainId == d.Id).Max(s => s.FinishedAt) < cutoff);
        }
        var total = await domains.CountAsync(cancellationToken);
        var joined =
            from d in domains
            join c in db.Clients on d.ClientId equals c.Id
            select new { Domain = d, Client = c };
#pragma warning disable CA1304, CA1311 // EF Core translates string.ToLower() to SQL lower(): no .NET culture is involved.
        joined = (query.SortBy, query.Descending) switch
        {
            (DomainSortField.ClientName, false) => joined.OrderBy(x => x.Client.Name.ToLower()).ThenBy(x => x.Domain.Name),
            (DomainSortField.ClientName, true) => joined.OrderByDescending(x => x.Client.Name.ToLower()).ThenBy(x => x.Domain.Name),
            (DomainSortField.CreatedAt, false) => joined.OrderBy(x => x.Domain.CreatedAt),
            (DomainSortField.CreatedAt, true) => joined.OrderByDescending(x => x.Domain.CreatedAt),
            (_, false) => joined.OrderBy(x => x.Domain.Name),
            (_, true) => joined.OrderByDescending(x => x.Domain.Name),
        };
#pragma warning restore CA1304, CA1311
        var rows = joined.Select(x => new DomainSummary(
            x.Domain.Id, x.Domain.Name, x.Domain.DisplayName, x.Client.Id, x.Client.Name,
            db.Scans.Count(s => s.DomainId == x.Domain.Id), x.Domain.CreatedAt));
        var items = await rows
            .Skip(Paging.Skip(query.Page, query.PageSize))
            .Take(Paging.Take(query.PageSize))
            .ToListAsync(cancellationToken);
        return new PagedResult<DomainSummary>(items, total);
    }

    /// <summary>Adds one domain to a client. A name the organization already monitors is refused, naming its client.</summary>
    public async Task<DomainSummary> AddAsync(Guid clientId, string? input, CancellationToken cancellationToken)
    {
        var member = await currentMember.RequireAsync(Capability.ManageDomains, cancellationToken);
        var parsed = DomainName.Parse(input);
        if (parsed.Name is not { } name)
        {
            throw new ValidationFailedException(DescribeParseError(parsed.Error, parsed.Suggestion));
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var client = await ClientService.FindAsync(db, clientId, cancellationToken);
        if (await FindOwnerAsync(db, name.Ascii, cancellationToken) is { } owner)
        {
            throw new ValidationFailedException(AlreadyMonitored(name.Ascii, owner));
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await PlanGuard.LockUsageAsync(db, member.OrganizationId, cancellationToken);
        await planGuard.EnsureCanAddDomainsAsync(1, cancellationToken);

        var domain = new MonitoredDomain
        {
            ClientId = client.Id,
            Name = name.Ascii,
            DisplayName = name.Unicode,
            CreatedAt = time.GetUtcNow(),
        };
        db.Domains.Add(domain);
        audit.Record(db, member, "domain.added", "domain", domain.Id.ToString(), $"Added domain {domain.Name} to client {client.Name}.");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            // Someone (or a double click) added the same name between the check and the insert.
            await using var fresh = await dbFactory.CreateDbContextAsync(cancellationToken);
            var winner = await FindOwnerAsync(fresh, name.Ascii, cancellationToken) ?? "another client";
            throw new ValidationFailedException(AlreadyMonitored(name.Ascii, winner));
        }
        return new DomainSummary(domain.Id, domain.Name, domain.DisplayName, client.Id, client.Name, 0, domain.CreatedAt);
    }

    /// <summary>The client that receives domains first named by an API request; created on first use.</summary>
    public const string ApiClientName = "API";

    /// <summary>
    /// Finds a domain of the current organization by name, or adds it to the organization's "API" client (created when
    /// missing). For API-key requests: the tenant is already set by the key. Returns the domain's id.
    /// </summary>
    internal async Task<Guid> FindOrAddForApiAsync(Guid organizationId, DomainName name, string keyDisplayPrefix, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Domains.Where(d => d.Name == name.Ascii).Select(d => (Guid?)d.Id).SingleOrDefaultAsync(cancellationToken) is { } existing)
        {
            return existing;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await PlanGuard.LockUsageAsync(db, organizationId, cancellationToken);
        await planGuard.EnsureCanAddDomainsAsync(1, cancellationToken);
        var now = time.GetUtcNow();
        var client = await db.Clients.Where(c => c.Name == ApiClientName).OrderBy(c => c.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        if (client is null)
        {
            client = new Client { Name = ApiClientName, Notes = "Domains first scanned through the REST API.", CreatedAt = now, UpdatedAt = now };
            db.Clients.Add(client);
            audit.RecordApiKey(db, organizationId, keyDisplayPrefix, "client.created", "client", client.Id.ToString(),
                $"Created client {ApiClientName} for domains added through the API.");
        }
        var domain = new MonitoredDomain { ClientId = client.Id, Name = name.Ascii, DisplayName = name.Unicode, CreatedAt = now };
        db.Domains.Add(domain);
        audit.RecordApiKey(db, organizationId, keyDisplayPrefix, "domain.added", "domain", domain.Id.ToString(),
            $"Added domain {domain.Name} to client {client.Name} (first scan request through the API).");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return domain.Id;
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            // A concurrent request added the same name first: use that domain.
            await using var fresh = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await fresh.Domains.Where(d => d.Name == name.Ascii).Select(d => d.Id).SingleAsync(cancellationToken);
        }
    }

    /// <summary>Moves a domain, with its scans, to another client of the same organization.</summary>
    public async Task<DomainSummary> MoveAsync(Guid domainId, Guid targetClientId, CancellationToken cancellationToken)
    {
        var member = await currentMember.RequireAsync(Capability.ManageDomains, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var domain = await FindAsync(db, domainId, cancellationToken);
        // The tenant filter hides other organizations' clients, so a foreign id is "not found" here.
        var target = await ClientService.FindAsync(db, targetClientId, cancellationToken);
        if (domain.ClientId != target.Id)
        {
            var sourceName = await db.Clients.Where(c => c.Id == domain.ClientId).Select(c => c.Name).SingleAsync(cancellationToken);
            domain.ClientId = target.Id;
            audit.Record(db, member, "domain.moved", "domain", domain.Id.ToString(),
                $"Moved domain {domain.Name} from client {sourceName} to client {target.Name}.");
            await db.SaveChangesAsync(cancellationToken);
        }
        var scanCount = await db.Scans.CountAsync(s => s.DomainId == domain.Id, cancellationToken);
        return new DomainSummary(domain.Id, domain.Name, domain.DisplayName, target.Id, target.Name, scanCount, domain.CreatedAt);
    }

    /// <summary>What <see cref="DeleteAsync"/> would remove, for the confirmation dialog.</summary>
    public async Task<DomainDeletion> GetDeletionAsync(Guid domainId, CancellationToken cancellationToken)
    {
        await currentMember.RequireAsync(Capability.ManageDomains, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var domain = await FindAsync(db, domainId, cancellationToken);
        var scanCount = await db.Scans.CountAsync(s => s.DomainId == domain.Id, cancellationToken);
        return new DomainDeletion(domain.Id, domain.Name, scanCount);
    }

    /// <summary>Deletes a domain; the database cascades to its scans. Returns what went.</summary>
    public async Task<DomainDeletion> DeleteAsync(Guid domainId, CancellationToken cancellationToken)
    {
        var member = await currentMember.RequireAsync(Capability.ManageDomains, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var domain = await FindAsync(db, domainId, cancellationToken);
        var scanCount = await db.Scans.CountAsync(s => s.DomainId == domain.Id, cancellationToken);
        db.Domains.Remove(domain);
        audit.Record(db, member, "domain.deleted", "domain", domain.Id.ToString(), $"Deleted domain {domain.Name} with {scanCount} scans.");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new DomainDeletion(domain.Id, domain.Name, scanCount);
    }

    private static async Task<MonitoredDomain> FindAsync(AppDbContext db, Guid domainId, CancellationToken cancellationToken) =>
        await db.Domains.SingleOrDefaultAsync(d => d.Id == domainId, cancellationToken)
        ?? throw new ValidationFailedException("That domain does not exist (it may have been deleted).");

    /// <summary>The name of the client that already monitors <paramref name="name"/>, if any.</summary>
    private static Task<string?> FindOwnerAsync(AppDbContext db, string name, CancellationToken cancellationToken) =>
        (from d in db.Domains
         join c in db.Clients on d.ClientId equals c.Id
         where d.Name == name
         select c.Name).FirstOrDefaultAsync(cancellationToken);

    internal static string AlreadyMonitored(string name, string clientName) =>
        $"{name} is already monitored (client {clientName}).";

    internal static string DescribeParseError(string? error, string? suggestion)
    {
        var message = error ?? "This is not a valid domain name.";
        return suggestion is null ? message : $"{message} Suggested: {suggestion}";
    }

    private static bool IsUniqueViolation(DbUpdateException ex) =>
        ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
