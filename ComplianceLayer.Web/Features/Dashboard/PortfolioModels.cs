using ComplianceLayer.Domain.Scans;

namespace ComplianceLayer.Web.Features.Dashboard;

/// <summary>The counts at the top of the dashboard. "This month" is the calendar month in the organization's time zone.</summary>
public sealed record PortfolioCounts
{
    public int Clients { get; init; }

    public int Domains { get; init; }

    public int ScansThisMonth { get; init; }

    /// <summary>Queued or running now.</summary>
    public int ScansActive { get; init; }
}

/// <summary>How many domains have a grade (of their latest completed scan); <see cref="Grade"/> is null for never scanned.</summary>
public sealed record GradeCount
{
    public string? Grade { get; init; }

    public int Domains { get; init; }
}

/// <summary>A domain with its latest completed scan.</summary>
public sealed record DomainScoreRow
{
    public Guid DomainId { get; init; }

    public string DomainName { get; init; } = "";

    public string ClientName { get; init; } = "";

    public int Score { get; init; }

    public string Grade { get; init; } = "";

    public string RiskLevel { get; init; } = "";

    public DateTimeOffset ScannedAt { get; init; }
}

/// <summary>A domain whose latest completed scan scored lower than the completed scan before it.</summary>
public sealed record ScoreDropRow
{
    public Guid DomainId { get; init; }

    public string DomainName { get; init; } = "";

    public string ClientName { get; init; } = "";

    public int PreviousScore { get; init; }

    public string PreviousGrade { get; init; } = "";

    public int Score { get; init; }

    public string Grade { get; init; } = "";

    public DateTimeOffset ScannedAt { get; init; }

    /// <summary>Negative: points lost.</summary>
    public int Change => Score - PreviousScore;
}

/// <summary>A scan waiting or running now; <see cref="Since"/> is when it started, or when it was queued.</summary>
public sealed record ActiveScanRow
{
    public Guid ScanId { get; init; }

    public Guid DomainId { get; init; }

    public string DomainName { get; init; } = "";

    public string ClientName { get; init; } = "";

    /// <summary>The status as stored ("Queued", "Running").</summary>
    public string StatusName { get; init; } = "";

    public DateTimeOffset Since { get; init; }

    public ScanStatus Status => Enum.Parse<ScanStatus>(StatusName);
}

/// <summary>A domain never scanned (LastScannedAt null; listed by when it was added) or not scanned recently.</summary>
public sealed record AttentionRow
{
    public Guid DomainId { get; init; }

    public string DomainName { get; init; } = "";

    public string ClientName { get; init; } = "";

    public DateTimeOffset AddedAt { get; init; }

    public DateTimeOffset? LastScannedAt { get; init; }
}

/// <summary>The total of a kind of domain, and the first few of them.</summary>
public sealed record AttentionList(int Total, IReadOnlyList<AttentionRow> First)
{
    public static readonly AttentionList Empty = new(0, []);
}

/// <summary>Never-scanned and stale domains, each oldest first.</summary>
public sealed record NeedsAttention(AttentionList NeverScanned, AttentionList Stale, int StaleAfterDays);

/// <summary>Everything the dashboard shows, read in one go.</summary>
public sealed record PortfolioOverview(
    PortfolioCounts Counts,
    IReadOnlyList<GradeCount> Grades,
    IReadOnlyList<DomainScoreRow> Worst,
    IReadOnlyList<ScoreDropRow> Drops,
    IReadOnlyList<ActiveScanRow> Active,
    NeedsAttention Attention)
{
    public bool IsEmpty => Counts.Clients == 0 && Counts.Domains == 0;
}
