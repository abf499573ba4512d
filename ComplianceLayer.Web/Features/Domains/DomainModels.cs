namespace ComplianceLayer.Web.Features.Domains;

public enum DomainSortField
{
    Name,
    ClientName,
    CreatedAt,
}

/// <summary>Which domains by their scan history: all, never scanned (no completed scan), or stale.</summary>
public enum DomainScanState
{
    Any,
    NeverScanned,
    Stale,
}

/// <summary>
/// What the domains grid asks for: a name search, an optional client, a scan state (stale: the latest completed scan
/// is older than <see cref="StaleAfterDays"/>), a sort and a zero-based page.
/// </summary>
public sealed record DomainListQuery(
    string? Search = null,
    Guid? ClientId = null,
    DomainSortField SortBy = DomainSortField.Name,
    bool Descending = false,
    int Page = 0,
    int PageSize = 25,
    DomainScanState State = DomainScanState.Any,
    int StaleAfterDays = 30);

public sealed record DomainSummary(
    Guid Id,
    string Name,
    string DisplayName,
    Guid ClientId,
    string ClientName,
    int ScanCount,
    DateTimeOffset CreatedAt);

/// <summary>What deleting a domain takes with it (the database cascades to its scans).</summary>
public sealed record DomainDeletion(Guid DomainId, string Name, int ScanCount)
{
    public string Describe() =>
        $"Delete domain {Name} with its {ScanCount} {(ScanCount == 1 ? "scan" : "scans")}? This cannot be undone.";
}

public enum BulkLineStatus
{
    Added,
    Rejected,
}

/// <summary>The outcome of one input line of a bulk add: the normalised domain when it parsed, and why it was rejected.</summary>
public sealed record BulkAddLine(
    int LineNumber,
    string Input,
    string? Domain,
    string? ClientName,
    BulkLineStatus Status,
    string? Reason);

public sealed record BulkAddResult(IReadOnlyList<BulkAddLine> Lines, int ClientsCreated)
{
    public int Added => Lines.Count(l => l.Status == BulkLineStatus.Added);

    public int Rejected => Lines.Count(l => l.Status == BulkLineStatus.Rejected);
}
