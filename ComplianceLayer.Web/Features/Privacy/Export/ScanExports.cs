using System.Security.Cryptography;
using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Domain.Privacy;
using ComplianceLayer.Web.Features.Audit;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ComplianceLayer.Web.Features.Privacy.Export;

/// <summary>What an export would hold, and whether it streams straight away or runs in the background.</summary>
public sealed record ScanExportPlan(ScanExportFilter Filter, string ScopeName, int Scans, bool Direct);

public sealed record ExportRow(Guid Id, string ScopeName, ExportScope Scope, ExportFormat Format, DateOnly? From, DateOnly? To,
    ExportStatus Status, int RowsDone, int RowsTotal, string RequestedBy, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt,
    string? FailureReason, string Token, long? FileSize)
{
    public int Percent => RowsTotal == 0 ? (Status == ExportStatus.Completed ? 100 : 0) : (int)(100L * RowsDone / RowsTotal);

    public string DownloadUrl => ScanExportEndpoints.DownloadPath(Token);
}

/// <summary>
/// Scan history exports for members with <see cref="Capability.ExportData"/> (Owner, Admin, Technician): small ones stream
/// straight to the browser, large ones become an <see cref="ExportRequest"/> run by <see cref="ScanExportJob"/>. Every
/// export is audited.
/// </summary>
public sealed class ScanExports(
    CurrentMember currentMember,
    IDbContextFactory<AppDbContext> dbFactory,
    ScanHistoryWriter writer,
    ScanExportScheduler scheduler,
    AuditLog audit,
    TimeProvider time,
    IOptions<ExportOptions> options)
{
    /// <summary>The scope's name and the number of scans; null when the client or domain is not this organization's.</summary>
    public async Task<ScanExportPlan?> PlanAsync(ScanExportFilter filter, CancellationToken cancellationToken)
    {
        var member = await currentMember.RequireAsync(Capability.ExportData, cancellationToken);
        if (filter.Validate() is { } problem)
        {
            throw new ValidationFailedException(problem);
        }
        var name = await ScopeNameAsync(member, filter, cancellationToken);
        if (name is null)
        {
            return null;
        }
        var scans = await writer.CountAsync(member.OrganizationId, filter, cancellationToken);
        return new ScanExportPlan(filter, name, scans, scans <= options.Value.DirectDownloadMaxScans);
    }

    /// <summary>Audits the download, then streams it. The caller has checked <see cref="ScanExportPlan.Direct"/>.</summary>
    public async Task<int> WriteDirectAsync(ScanExportPlan plan, ExportFormat format, Stream output, CancellationToken cancellationToken)
    {
        var member = await currentMember.RequireAsync(Capability.ExportData, cancellationToken);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            audit.Record(db, member, "export.scans_downloaded", "export", null,
                $"Downloaded {plan.Scans} scans of {Describe(plan.Filter.Scope, plan.ScopeName)} as {format.ToString().ToUpperInvariant()}{Range(plan.Filter.From, plan.Filter.To)}.");
            await db.SaveChangesAsync(cancellationToken);
        }
        return await writer.WriteAsync(member.OrganizationId, plan.Filter, format, output, null, cancellationToken);
    }

    /// <summary>Queues a background export and returns its id.</summary>
    public async Task<Guid> RequestAsync(ScanExportPlan plan, ExportFormat format, CancellationToken cancellationToken)
    {
        var member = await currentMember.RequireAsync(Capability.ExportData, cancellationToken);
        var request = new ExportRequest
        {
            RequestedByUserId = member.UserId,
            RequestedBy = member.Email,
            Scope = plan.Filter.Scope,
            ScopeId = plan.Filter.ScopeId,
            ScopeName = plan.ScopeName,
            Format = format,
            From = plan.Filter.From,
            To = plan.Filter.To,
            Token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32)),
            CreatedAt = time.GetUtcNow(),
        };
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            db.ExportRequests.Add(request);
            audit.Record(db, member, "export.requested", "export", request.Id.ToString(),
                $"Requested an export of {plan.Scans} scans of {Describe(plan.Filter.Scope, plan.ScopeName)} as {format.ToString().ToUpperInvariant()}{Range(plan.Filter.From, plan.Filter.To)}.");
            await db.SaveChangesAsync(cancellationToken);
        }
        await scheduler.ScheduleAsync(member.OrganizationId, request.Id, cancellationToken);
        return request.Id;
    }

    public async Task<PagedResult<ExportRow>> ListAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        await currentMember.RequireAsync(Capability.ExportData, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.ExportRequests.AsNoTracking();
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id)
            .Skip(Paging.Skip(page, pageSize)).Take(Paging.Take(pageSize))
            .Select(e => new ExportRow(e.Id, e.ScopeName, e.Scope, e.Format, e.From, e.To, e.Status, e.RowsDone, e.RowsTotal,
                e.RequestedBy, e.CreatedAt, e.ExpiresAt, e.FailureReason, e.Token, e.FileSize))
            .ToListAsync(cancellationToken);
        return new PagedResult<ExportRow>(items, total);
    }

    /// <summary>The export behind a download token, in this organization only (another organization's token is not found).</summary>
    public async Task<ExportRequest?> FindForDownloadAsync(string token, CancellationToken cancellationToken)
    {
        var member = await currentMember.RequireAsync(Capability.ExportData, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await db.ExportRequests.SingleOrDefaultAsync(e => e.Token == token, cancellationToken);
        if (request is { Status: ExportStatus.Completed } && !request.IsExpired(time.GetUtcNow()))
        {
            audit.Record(db, member, "export.downloaded", "export", request.Id.ToString(),
                $"Downloaded the export of {Describe(request.Scope, request.ScopeName)} ({request.RowsDone} scans).");
            await db.SaveChangesAsync(cancellationToken);
        }
        return request;
    }

    private async Task<string?> ScopeNameAsync(MemberContext member, ScanExportFilter filter, CancellationToken cancellationToken)
    {
        if (filter.Scope == ExportScope.Organization)
        {
            return member.OrganizationName;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return filter.Scope == ExportScope.Client
            ? await db.Clients.Where(c => c.Id == filter.ScopeId).Select(c => c.Name).SingleOrDefaultAsync(cancellationToken)
            : await db.Domains.Where(d => d.Id == filter.ScopeId).Select(d => d.Name).SingleOrDefaultAsync(cancellationToken);
    }

    internal static string Describe(ExportScope scope, string name) => scope switch
    {
        ExportScope.Organization => $"organization {name}",
        ExportScope.Client => $"client {name}",
        _ => $"domain {name}",
    };

    private static string Range(DateOnly? from, DateOnly? to) => (from, to) switch
    {
        (null, null) => "",
        ({ } f, null) => $" from {f:yyyy-MM-dd}",
        (null, { } t) => $" up to {t:yyyy-MM-dd}",
        ({ } f, { } t) => $" from {f:yyyy-MM-dd} to {t:yyyy-MM-dd}",
    };
}
