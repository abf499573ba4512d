namespace ComplianceLayer.Web.Features.Clients;

public enum ClientSortField
{
    Name,
    DomainCount,
    CreatedAt,
}

/// <summary>What the clients grid asks for: a case-insensitive name search, a sort and a zero-based page.</summary>
public sealed record ClientListQuery(
    string? Search = null,
    ClientSortField SortBy = ClientSortField.Name,
    bool Descending = false,
    int Page = 0,
    int PageSize = 25);

public sealed record ClientSummary(Guid Id, string Name, string? ContactEmail, int DomainCount, DateTimeOffset CreatedAt);

public sealed record ClientDetails(
    Guid Id,
    string Name,
    string? ContactEmail,
    string? Notes,
    int DomainCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A client as a choice in a picker (move a domain, bulk-add target, list filter).</summary>
public sealed record ClientOption(Guid Id, string Name);

/// <summary>What the user typed in the client form; <see cref="ClientService"/> trims and validates it.</summary>
public sealed record ClientInput(string? Name, string? ContactEmail = null, string? Notes = null);

/// <summary>A <see cref="ClientInput"/> after <see cref="ClientService.Validate"/>: trimmed, blanks as null.</summary>
public sealed record ValidClientInput(string Name, string? ContactEmail, string? Notes);

/// <summary>What deleting a client takes with it (the database cascades to domains and their scans).</summary>
public sealed record ClientDeletion(Guid ClientId, string Name, int DomainCount, int ScanCount)
{
    public string Describe() =>
        $"Delete client {Name} with its {DomainCount} {(DomainCount == 1 ? "domain" : "domains")} and " +
        $"{ScanCount} {(ScanCount == 1 ? "scan" : "scans")}? This cannot be undone.";
}
