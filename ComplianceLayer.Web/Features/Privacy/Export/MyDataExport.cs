using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using ComplianceLayer.Domain.ApiKeys;
using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Web.Features.Audit;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Features.Privacy.Export;

/// <summary>
/// "Download my data" (GDPR access and portability): a ZIP of JSON files with everything held about the signed-in user in
/// the organization they work in, and for its Owner the organization's data too. Written entry by entry with async I/O
/// straight to the response; rows are streamed from the database. Never includes password hashes, security stamps, API
/// key hashes or webhook secrets, and never another organization's data (memberships list only the user's own).
/// </summary>
public sealed class MyDataExport(
    CurrentMember currentMember,
    IDbContextFactory<AppDbContext> dbFactory,
    ScanHistoryWriter scans,
    AuditLog audit,
    TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static readonly IReadOnlyList<string> PersonalFiles =
        ["manifest.json", "profile.json", "memberships.json", "audit-events.json", "api-request-logs.json"];

    public static readonly IReadOnlyList<string> OrganizationFiles =
        ["organization.json", "clients.json", "domains.json", "schedules.json", "api-keys.json", "webhooks.json", "scans.json"];

    public async Task WriteAsync(string userId, Stream output, CancellationToken cancellationToken)
    {
        var member = await currentMember.TryGetAsync(cancellationToken);
        var owner = member is { Role: OrganizationRole.Owner };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (member is not null)
        {
            audit.Record(db, member, "export.my_data", "user", userId, owner
                ? "Downloaded their personal data and the organization's data (data access request)."
                : "Downloaded their personal data (data access request).");
            await db.SaveChangesAsync(cancellationToken);
        }

        await using var zip = await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        await EntryAsync(zip, "manifest.json", w => Value(w, new
        {
            GeneratedAt = time.GetUtcNow(),
            UserId = userId,
            OrganizationId = member?.OrganizationId,
            OrganizationName = member?.OrganizationName,
            Role = member?.Role,
            Files = owner ? PersonalFiles.Concat(OrganizationFiles).ToArray() : PersonalFiles.ToArray(),
            Note = "Everything ComplianceLayer holds about you in the organization above. Switch organization to download another's.",
        }), cancellationToken);
        // Profile fields only: never the password hash, security stamp or concurrency stamp.
        var profile = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new
        {
            u.Id, u.Email, u.UserName, u.DisplayName, u.PhoneNumber, u.CreatedAt, u.EmailConfirmed,
            u.TwoFactorEnabled, u.CurrentOrganizationId,
        }).SingleOrDefaultAsync(cancellationToken);
        await EntryAsync(zip, "profile.json", w => Value(w, profile), cancellationToken);
        // The user's own memberships in every organization: theirs to see, and nothing of those organizations beyond the name.
        await EntryAsync(zip, "memberships.json", w => ArrayAsync(w, db.Memberships.IgnoreQueryFilters([AppDbContext.TenantFilter]).AsNoTracking()
            .Where(m => m.UserId == userId)
            .Join(db.Organizations, m => m.OrganizationId, o => o.Id, (m, o) => new { m.OrganizationId, OrganizationName = o.Name, m.Role, m.CreatedAt })
            .OrderBy(m => m.CreatedAt), cancellationToken), cancellationToken);
        await EntryAsync(zip, "audit-events.json", w => ArrayAsync(w, db.AuditEvents.AsNoTracking()
            .Where(e => e.ActorUserId == userId).OrderBy(e => e.Id)
            .Select(e => new { e.OccurredAt, e.Action, e.EntityType, e.EntityId, e.Summary, e.IpAddress }), cancellationToken), cancellationToken);
        var keys = owner ? db.ApiKeys : db.ApiKeys.Where(k => k.CreatedByUserId == userId);
        await EntryAsync(zip, "api-request-logs.json", w => ArrayAsync(w, db.ApiRequestLogs.AsNoTracking()
            .Where(l => keys.Select(k => k.Id).Contains(l.ApiKeyId)).OrderBy(l => l.Id)
            .Select(l => new { l.OccurredAt, l.ApiKeyId, l.Method, l.Path, l.Domain, l.StatusCode, l.ClientIp, l.DurationMs }), cancellationToken), cancellationToken);
        if (owner)
        {
            await WriteOrganizationAsync(zip, db, member!, cancellationToken);
        }
    }

    private async Task WriteOrganizationAsync(ZipArchive zip, AppDbContext db, MemberContext member, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == member.OrganizationId).Select(o => new
        {
            o.Id, o.Name, o.TimeZone, o.PlanCode, o.SubscriptionStatus, o.CurrentPeriodEnd, o.PastDueSince, o.StripeCustomerId,
            o.StripeSubscriptionId, o.DeletionRequestedAt, o.DeletionDueAt, o.CreatedAt,
        }).SingleOrDefaultAsync(cancellationToken);
        await EntryAsync(zip, "organization.json", w => Value(w, organization), cancellationToken);
        await EntryAsync(zip, "clients.json", w => ArrayAsync(w, db.Clients.AsNoTracking().OrderBy(c => c.CreatedAt)
            .Select(c => new { c.Id, c.Name, c.ContactEmail, c.Notes, c.CreatedAt, c.UpdatedAt }), cancellationToken), cancellationToken);
        await EntryAsync(zip, "domains.json", w => ArrayAsync(w, db.Domains.AsNoTracking().OrderBy(d => d.Name)
            .Select(d => new { d.Id, d.ClientId, d.Name, d.DisplayName, d.CreatedAt }), cancellationToken), cancellationToken);
        await EntryAsync(zip, "schedules.json", w => ArrayAsync(w, db.ScanSchedules.AsNoTracking().OrderBy(s => s.CreatedAt)
            .Select(s => new { s.Id, s.ClientId, s.DomainId, s.Cadence, s.DayOfWeek, s.DayOfMonth, s.TimeOfDay, s.Enabled, s.CreatedByUserId, s.CreatedAt, s.UpdatedAt }),
            cancellationToken), cancellationToken);
        // Metadata only: the hash of a key is never exported (nor is the key, which is not stored).
        await EntryAsync(zip, "api-keys.json", w => ArrayAsync(w, db.ApiKeys.AsNoTracking().OrderBy(k => k.CreatedAt)
            .Select(k => new { k.Id, k.Name, Prefix = ApiKeySecret.KeyPrefix + k.Prefix, k.Scopes, k.CreatedByUserId, k.CreatedAt, k.LastUsedAt, k.ExpiresAt, k.RevokedAt }),
            cancellationToken), cancellationToken);
        await EntryAsync(zip, "webhooks.json", w => ArrayAsync(w, db.WebhookEndpoints.AsNoTracking().OrderBy(e => e.CreatedAt)
            .Select(e => new { e.Id, e.Url, e.Events, e.Enabled, e.CreatedByUserId, e.CreatedAt }), cancellationToken), cancellationToken);
        var entry = zip.CreateEntry("scans.json", CompressionLevel.Optimal);
        await using var stream = await entry.OpenAsync(cancellationToken);
        await scans.WriteJsonAsync(member.OrganizationId, ScanExportFilter.Organization(), stream, null, cancellationToken);
    }

    private static async Task EntryAsync(ZipArchive zip, string name, Func<Utf8JsonWriter, Task> write, CancellationToken cancellationToken)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        await using var stream = await entry.OpenAsync(cancellationToken);
        await using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        await write(writer);
        await writer.FlushAsync(cancellationToken);
    }

    private static Task Value<T>(Utf8JsonWriter writer, T value)
    {
        JsonSerializer.Serialize(writer, value, Json);
        return Task.CompletedTask;
    }

    private static async Task ArrayAsync<T>(Utf8JsonWriter writer, IQueryable<T> rows, CancellationToken cancellationToken)
    {
        writer.WriteStartArray();
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            JsonSerializer.Serialize(writer, row, Json);
            if (writer.BytesPending > 1 << 16)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }
        writer.WriteEndArray();
    }
}
