using System.Globalization;
using System.Text;
using ComplianceLayer.Domain.Audit;
using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Web.Features.Privacy.Export;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Features.Audit;

/// <summary>Filters of the audit log; all optional. Dates are UTC days, both included.</summary>
public sealed record AuditFilter(string? ActionPrefix = null, string? Actor = null, DateOnly? From = null, DateOnly? To = null, string? Text = null);

public sealed record AuditRow(long Id, DateTimeOffset OccurredAt, string Actor, string? IpAddress, string Action, string EntityType,
    string? EntityId, string Summary);

/// <summary>The organization's audit log for Owners and Admins: a paged, filtered list and a streamed CSV export.</summary>
public sealed class AuditQueries(CurrentMember currentMember, IDbContextFactory<AppDbContext> dbFactory, AuditLog audit)
{
    public static readonly IReadOnlyList<string> CsvHeader = ["occurred_at", "actor", "ip_address", "action", "entity_type", "entity_id", "summary"];

    public async Task<PagedResult<AuditRow>> ListAsync(AuditFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        await currentMember.RequireAsync(Capability.ViewAuditLog, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = Apply(db.AuditEvents.AsNoTracking(), filter);
        var total = await query.CountAsync(cancellationToken);
        var items = await Project(query.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Skip(Paging.Skip(page, pageSize)).Take(Paging.Take(pageSize))).ToListAsync(cancellationToken);
        return new PagedResult<AuditRow>(items, total);
    }

    /// <summary>Records the export (in the log it exports), then streams the filtered events, newest first.</summary>
    public async Task<int> WriteCsvAsync(AuditFilter filter, Stream output, CancellationToken cancellationToken)
    {
        var member = await currentMember.RequireAsync(Capability.ViewAuditLog, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        audit.Record(db, member, "audit.exported", "audit_log", null, $"Exported the audit log as CSV{Describe(filter)}.");
        await db.SaveChangesAsync(cancellationToken);

        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        await writer.WriteAsync(CsvCell.Line(CsvHeader));
        var rows = 0;
        var events = Project(Apply(db.AuditEvents.AsNoTracking(), filter).OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id));
        await foreach (var e in events.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            await writer.WriteAsync(CsvCell.Line([
                e.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                e.Actor, e.IpAddress, e.Action, e.EntityType, e.EntityId, e.Summary]));
            rows++;
        }
        await writer.FlushAsync(cancellationToken);
        return rows;
    }

    internal static IQueryable<AuditEvent> Apply(IQueryable<AuditEvent> query, AuditFilter filter)
    {
        if (!string.IsNullOrWhiteSpace(filter.ActionPrefix))
        {
            var prefix = Paging.EscapeLike(filter.ActionPrefix.Trim()) + "%";
            query = query.Where(e => EF.Functions.Like(e.Action, prefix, @"\"));
        }
        if (Paging.ContainsPattern(filter.Actor) is { } actor)
        {
            query = query.Where(e => EF.Functions.ILike(e.Actor, actor, @"\"));
        }
        if (filter.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(e => e.OccurredAt >= start);
        }
        if (filter.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(e => e.OccurredAt < end);
        }
        if (Paging.ContainsPattern(filter.Text) is { } text)
        {
            query = query.Where(e => EF.Functions.ILike(e.Summary, text, @"\") || EF.Functions.ILike(e.Action, text, @"\")
                || (e.EntityId != null && EF.Functions.ILike(e.EntityId, text, @"\")) || (e.IpAddress != null && EF.Functions.ILike(e.IpAddress, text, @"\")));
        }
        return query;
    }

    private static IQueryable<AuditRow> Project(IQueryable<AuditEvent> query) =>
        query.Select(e => new AuditRow(e.Id, e.OccurredAt, e.Actor, e.IpAddress, e.Action, e.EntityType, e.EntityId, e.Summary));

    private static string Describe(AuditFilter filter)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(filter.ActionPrefix)) { parts.Add($"action {filter.ActionPrefix.Trim()}*"); }
        if (!string.IsNullOrWhiteSpace(filter.Actor)) { parts.Add($"actor \"{filter.Actor.Trim()}\""); }
        if (filter.From is { } from) { parts.Add($"from {from:yyyy-MM-dd}"); }
        if (filter.To is { } to) { parts.Add($"to {to:yyyy-MM-dd}"); }
        if (!string.IsNullOrWhiteSpace(filter.Text)) { parts.Add($"text \"{filter.Text.Trim()}\""); }
        return parts.Count == 0 ? "" : " (" + string.Join(", ", parts) + ")";
    }
}
