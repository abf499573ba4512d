namespace ComplianceLayer.Web.Features.Clients;

/// <summary>How the client page orders its domains.</summary>
public enum ClientDomainSort
{
    Name,
    Score,
    LastScan,
}

/// <summary>One of a client's domains with its latest completed scan (grade, score, when it finished); nulls when never scanned.</summary>
public sealed record ClientDomainRow(Guid Id, string Name, string DisplayName, string? Grade, int? Score, DateTimeOffset? LastScanAt);

/// <summary>One UTC day of the client's score trend: the average score and how many domains it averages.</summary>
public sealed record ClientTrendPoint(DateTimeOffset Day, double AverageScore, int Domains);

/// <summary>Per framework, the client's controls by aggregated status (as the matrix's client column shows them).</summary>
public sealed record FrameworkSummary(string Framework, string Name, int Pass, int Fail, int NotAssessed);
