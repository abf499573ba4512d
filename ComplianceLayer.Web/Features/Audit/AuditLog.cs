using ComplianceLayer.Domain.Audit;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;

namespace ComplianceLayer.Web.Features.Audit;

/// <summary>Adds audit events to the caller's context, so that they commit in the same transaction as the change.</summary>
public sealed class AuditLog(TimeProvider time, IHttpContextAccessor? http = null)
{
    public void Record(AppDbContext db, MemberContext actor, string action, string entityType, string? entityId, string summary) =>
        db.AuditEvents.Add(new AuditEvent
        {
            OrganizationId = actor.OrganizationId,
            OccurredAt = time.GetUtcNow(),
            ActorUserId = actor.UserId,
            Actor = actor.Email,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Summary = summary,
            IpAddress = actor.IpAddress,
        });

    public void RecordSystem(AppDbContext db, Guid organizationId, string action, string entityType, string? entityId, string summary) =>
        db.AuditEvents.Add(new AuditEvent
        {
            OrganizationId = organizationId,
            OccurredAt = time.GetUtcNow(),
            Actor = "system",
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Summary = summary,
        });

    /// <summary>An action taken through the REST API, attributed to the key (never the key itself).</summary>
    public void RecordApiKey(AppDbContext db, Guid organizationId, string keyDisplayPrefix, string action, string entityType, string? entityId, string summary) =>
        db.AuditEvents.Add(new AuditEvent
        {
            OrganizationId = organizationId,
            OccurredAt = time.GetUtcNow(),
            Actor = $"api key {keyDisplayPrefix}",
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Summary = summary,
            IpAddress = ClientAddress.From(http?.HttpContext),
        });
}
