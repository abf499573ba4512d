using ComplianceLayer.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Features.Settings;

/// <summary>
/// Writes one audit event in every organization a user belongs to (a change to the user is visible in all of them),
/// in one statement that joins the caller's transaction. Filtered by the user explicitly: it spans organizations by design.
/// </summary>
public static class MembershipAudit
{
    public static Task<int> RecordInEveryOrganizationAsync(
        AppDbContext db, string userId, string actor, string action, string summary, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO audit_events ("OrganizationId", "OccurredAt", "ActorUserId", "Actor", "Action", "EntityType", "EntityId", "Summary")
            SELECT "OrganizationId", {now}, {userId}, {actor}, {action}, 'user', {userId}, {summary}
            FROM memberships WHERE "UserId" = {userId}
            """, cancellationToken);
}
