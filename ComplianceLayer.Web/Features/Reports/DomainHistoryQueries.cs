using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Features.Reports;

/// <summary>One row of a domain's scan history.</summary>
public sealed record ScanHistoryRow(
    string JobId,
    ScanStatus Status,
    ScanTrigger Trigger,
    DateTimeOffset QueuedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? FailureReason,
    int? Score,
    string? Grade,
    string? RiskLevel,
    int? IssueCount)
{
    /// <summary>Run time of a finished scan; null while queued or running.</summary>
    public TimeSpan? Duration => StartedAt is { } started && FinishedAt is { } finished ? finished - started : null;
}

public sealed record ScanHistoryPage(IReadOnlyList<ScanHistoryRow> Items, int Total);

/// <summary>
/// A domain's scans, newest first, one page at a time in SQL. The issue count is read in SQL from the stored report
/// (<c>jsonb_array_length</c> of its <c>issues</c>), so no report leaves the database for the table.
/// </summary>
public sealed class DomainHistoryQueries(CurrentMember currentMember, IDbContextFactory<AppDbContext> dbFactory)
{
    public const int MaxPageSize = 100;

    public async Task<ScanHistoryPage> ListAsync(Guid domainId, int page, int pageSize, CancellationToken cancellationToken)
    {
        var member = await currentMember.RequireAsync(Capability.ViewData, cancellationToken);
        var organizationId = member.OrganizationId;
        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var offset = Math.Max(0, page) * size;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var total = await db.Scans.CountAsync(s => s.DomainId == domainId, cancellationToken);
        // Raw SQL bypasses the tenant query filter, so the organization is a condition here. The page is cut first, so only
        // its rows' reports are read for the issue count.
        var rows = await db.Database.SqlQuery<HistoryRow>($"""
            SELECT p."JobId", p."Status", p."Trigger", p."QueuedAt", p."StartedAt", p."FinishedAt", p."FailureReason",
                   p."Score", p."Grade", p."RiskLevel",
                   CASE WHEN jsonb_typeof(p."ReportJson" -> 'issues') = 'array'
                        THEN jsonb_array_length(p."ReportJson" -> 'issues') END AS "IssueCount"
            FROM (
                SELECT s."Id", s."JobId", s."Status", s."Trigger", s."QueuedAt", s."StartedAt", s."FinishedAt", s."FailureReason",
                       s."Score", s."Grade", s."RiskLevel", s."ReportJson"
                FROM scans s
                WHERE s."OrganizationId" = {organizationId} AND s."DomainId" = {domainId}
                ORDER BY s."QueuedAt" DESC, s."Id" DESC
                LIMIT {size} OFFSET {offset}
            ) p
            ORDER BY p."QueuedAt" DESC, p."Id" DESC
            """).ToListAsync(cancellationToken);
        var items = rows.Select(r => new ScanHistoryRow(r.JobId, Enum.Parse<ScanStatus>(r.Status), Enum.Parse<ScanTrigger>(r.Trigger),
            r.QueuedAt, r.StartedAt, r.FinishedAt, r.FailureReason, r.Score, r.Grade, r.RiskLevel, r.IssueCount)).ToList();
        return new ScanHistoryPage(items, total);
    }

    internal sealed class HistoryRow
    {
        public string JobId { get; init; } = "";

        public string Status { get; init; } = "";

        public string Trigger { get; init; } = "";

        public DateTimeOffset QueuedAt { get; init; }

        public DateTimeOffset? StartedAt { get; init; }

        public DateTimeOffset? FinishedAt { get; init; }

        public string? FailureReason { get; init; }

        public int? Score { get; init; }

        public string? Grade { get; init; }

        public string? RiskLevel { get; init; }

        public int? IssueCount { get; init; }
    }
}
