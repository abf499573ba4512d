using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Features.Dashboard;

public sealed record PortfolioCounts(string OrganizationName, int Clients, int Domains, int ScansThisMonth, int ScansRunning);

/// <summary>The counts at the top of the dashboard, for the current organization.</summary>
public sealed class PortfolioSummary(CurrentMember currentMember, IDbContextFactory<AppDbContext> dbFactory, TimeProvider time)
{
    public async Task<PortfolioCounts> GetAsync(CancellationToken cancellationToken)
    {
        var member = await currentMember.RequireAsync(Capability.ViewData, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var monthStart = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        return new PortfolioCounts(
            member.OrganizationName,
            await db.Clients.CountAsync(cancellationToken),
            await db.Domains.CountAsync(cancellationToken),
            await db.Scans.CountAsync(s => s.QueuedAt >= monthStart, cancellationToken),
            await db.Scans.CountAsync(s => s.Status == ScanStatus.Running, cancellationToken));
    }
}
