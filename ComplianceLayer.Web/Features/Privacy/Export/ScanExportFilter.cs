using ComplianceLayer.Domain.Privacy;

namespace ComplianceLayer.Web.Features.Privacy.Export;

/// <summary>Which completed scans an export holds: one domain, one client or the organization, finished between two UTC days.</summary>
public sealed record ScanExportFilter(ExportScope Scope, Guid? ScopeId, DateOnly? From, DateOnly? To)
{
    public static ScanExportFilter Organization(DateOnly? from = null, DateOnly? to = null) => new(ExportScope.Organization, null, from, to);

    /// <summary>Inclusive lower bound of the finish time.</summary>
    public DateTimeOffset? FromUtc => From is { } from ? new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;

    /// <summary>Exclusive upper bound: the start of the day after <see cref="To"/>.</summary>
    public DateTimeOffset? ToUtcExclusive => To is { } to ? new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;

    public string? Validate() => (Scope, ScopeId, From, To) switch
    {
        (ExportScope.Organization, not null, _, _) => "An organization export takes no client or domain id.",
        (not ExportScope.Organization, null, _, _) => "Choose the client or domain to export.",
        (_, _, { } from, { } to) when to < from => "The end date is before the start date.",
        _ => null,
    };
}
