using ComplianceLayer.Domain.Tenancy;

namespace ComplianceLayer.Domain.Privacy;

public enum ExportScope
{
    Organization,
    Client,
    Domain,
}

public enum ExportFormat
{
    Csv,
    Json,
}

public enum ExportStatus
{
    Queued,
    Running,
    Completed,
    Failed,
    Expired,
}

/// <summary>
/// A scan history export too large to stream in one request: a background job writes it to a file, which is
/// downloadable through an unguessable token until <see cref="ExpiresAt"/>, then deleted.
/// </summary>
public sealed class ExportRequest : ITenantOwned
{
    public const int FailureReasonMaxLength = 1000;
    public const int TokenLength = 43;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    public required string RequestedByUserId { get; init; }

    /// <summary>How the requester was shown at the time (e-mail).</summary>
    public required string RequestedBy { get; init; }

    public ExportScope Scope { get; init; }

    /// <summary>The client or domain exported; null for the whole organization.</summary>
    public Guid? ScopeId { get; init; }

    /// <summary>The client or domain name (or the organization's) when requested, for the list of exports.</summary>
    public required string ScopeName { get; init; }

    public ExportFormat Format { get; init; }

    /// <summary>First day included (UTC), or null for no lower bound.</summary>
    public DateOnly? From { get; init; }

    /// <summary>Last day included (UTC), or null for no upper bound.</summary>
    public DateOnly? To { get; init; }

    /// <summary>Base64url of 32 random bytes; the download link's secret.</summary>
    public required string Token { get; init; }

    public ExportStatus Status { get; private set; } = ExportStatus.Queued;

    public int RowsDone { get; private set; }

    public int RowsTotal { get; private set; }

    /// <summary>File name inside the exports directory, once written.</summary>
    public string? FileName { get; private set; }

    public long? FileSize { get; private set; }

    public string? FailureReason { get; private set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public DateTimeOffset? ExpiresAt { get; private set; }

    public string FileExtension => Format == ExportFormat.Csv ? "csv" : "json";

    public void Start(int rowsTotal, string fileName)
    {
        if (Status is not (ExportStatus.Queued or ExportStatus.Running))
        {
            throw new InvalidOperationException($"Export {Id} cannot start: it is {Status}.");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(rowsTotal);
        Status = ExportStatus.Running;
        RowsTotal = rowsTotal;
        RowsDone = 0;
        FileName = fileName;
    }

    public void Complete(int rows, long fileSize, DateTimeOffset now, TimeSpan linkLifetime)
    {
        if (Status != ExportStatus.Running)
        {
            throw new InvalidOperationException($"Export {Id} cannot complete: it is {Status}.");
        }
        Status = ExportStatus.Completed;
        RowsDone = rows;
        RowsTotal = Math.Max(RowsTotal, rows);
        FileSize = fileSize;
        CompletedAt = now;
        ExpiresAt = now + linkLifetime;
    }

    public void Fail(string reason, DateTimeOffset now)
    {
        if (Status is ExportStatus.Completed or ExportStatus.Expired)
        {
            throw new InvalidOperationException($"Export {Id} cannot fail: it is {Status}.");
        }
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        Status = ExportStatus.Failed;
        FailureReason = reason.Length > FailureReasonMaxLength ? reason[..FailureReasonMaxLength] : reason;
        CompletedAt = now;
    }

    /// <summary>The link has lived its time: the file is gone and the link answers 410.</summary>
    public void Expire()
    {
        if (Status != ExportStatus.Completed)
        {
            throw new InvalidOperationException($"Export {Id} cannot expire: it is {Status}.");
        }
        Status = ExportStatus.Expired;
    }

    public bool IsExpired(DateTimeOffset now) => Status == ExportStatus.Expired || (ExpiresAt is { } at && at <= now);

    public bool IsActive => Status is ExportStatus.Queued or ExportStatus.Running;
}
