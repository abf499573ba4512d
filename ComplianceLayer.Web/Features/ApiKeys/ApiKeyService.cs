using ComplianceLayer.Domain.ApiKeys;
using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Web.Features.Audit;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Features.ApiKeys;

/// <summary>
/// Creates, lists and revokes an organization's API keys (Admin and Owner only), and reads its API request log.
/// The plaintext key leaves this class once, in <see cref="ApiKeyCreated"/>; only its hash and prefix are stored.
/// </summary>
public sealed class ApiKeyService(
    CurrentMember currentMember,
    IDbContextFactory<AppDbContext> dbFactory,
    AuditLog audit,
    TenantContext tenant,
    TimeProvider time)
{
    public async Task<IReadOnlyList<ApiKeyRow>> ListAsync(CancellationToken cancellationToken)
    {
        await currentMember.RequireAsync(Capability.ManageApiKeys, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await (
            from k in db.ApiKeys.AsNoTracking()
            join u in db.Users on k.CreatedByUserId equals u.Id into creators
            from u in creators.DefaultIfEmpty()
            orderby k.CreatedAt descending
            select new { Key = k, CreatedBy = u == null ? null : u.Email }).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return rows.Select(r => ToRow(r.Key, r.CreatedBy, now)).ToList();
    }

    public async Task<ApiKeyCreated> CreateAsync(ApiKeyInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var member = await currentMember.RequireAsync(Capability.ManageApiKeys, cancellationToken);
        var name = input.Name?.Trim() ?? string.Empty;
        if (name.Length == 0)
        {
            throw new ValidationFailedException("Give the key a name, e.g. the system that will use it.");
        }
        if (name.Length > ApiKey.NameMaxLength)
        {
            throw new ValidationFailedException($"The name is longer than {ApiKey.NameMaxLength} characters.");
        }
        var scopes = input.Scopes.Distinct(StringComparer.Ordinal).ToList();
        if (scopes.Count == 0)
        {
            throw new ValidationFailedException("Choose at least one scope.");
        }
        if (scopes.FirstOrDefault(s => !ApiScopes.IsKnown(s)) is { } unknown)
        {
            throw new ValidationFailedException($"Unknown scope \"{unknown}\". Known: {string.Join(", ", ApiScopes.All)}.");
        }
        var now = time.GetUtcNow();
        if (input.ExpiresAt is { } expires && expires <= now)
        {
            throw new ValidationFailedException("The expiry date must be in the future.");
        }

        var secret = ApiKeySecret.Generate();
        var key = new ApiKey
        {
            Name = name,
            Prefix = secret.Prefix,
            Sha256Hash = secret.Sha256Hash,
            Scopes = ApiScopes.All.Where(scopes.Contains).ToList(),
            CreatedByUserId = member.UserId,
            CreatedAt = now,
            ExpiresAt = input.ExpiresAt,
        };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.ApiKeys.Add(key);
        audit.Record(db, member, "api_key.created", "api_key", key.Id.ToString(),
            $"Created API key \"{key.Name}\" ({key.DisplayPrefix}) with scopes {string.Join(", ", key.Scopes)}"
            + (key.ExpiresAt is { } e ? $", expiring {e:yyyy-MM-dd}." : ", no expiry."));
        await db.SaveChangesAsync(cancellationToken);
        return new ApiKeyCreated(ToRow(key, member.Email, now), secret.Key);
    }

    /// <summary>For the development seed only: a key with every scope for the demo organization. Returns the plaintext.</summary>
    internal async Task<string> CreateDemoKeyAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        tenant.Set(organizationId);
        var secret = ApiKeySecret.Generate();
        var key = new ApiKey
        {
            Name = "Demo key (seed-demo)",
            Prefix = secret.Prefix,
            Sha256Hash = secret.Sha256Hash,
            Scopes = [.. ApiScopes.All],
            CreatedAt = time.GetUtcNow(),
        };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.ApiKeys.Add(key);
        audit.RecordSystem(db, organizationId, "api_key.created", "api_key", key.Id.ToString(),
            $"Created API key \"{key.Name}\" ({key.DisplayPrefix}) with every scope for the development demo.");
        await db.SaveChangesAsync(cancellationToken);
        return secret.Key;
    }

    public async Task<ApiKeyRow> RevokeAsync(Guid apiKeyId, CancellationToken cancellationToken)
    {
        var member = await currentMember.RequireAsync(Capability.ManageApiKeys, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // The tenant filter hides other organizations' keys: a foreign id is "not found".
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == apiKeyId, cancellationToken)
            ?? throw new ValidationFailedException("That API key does not exist.");
        if (key.RevokedAt is not null)
        {
            throw new ValidationFailedException($"API key \"{key.Name}\" is already revoked.");
        }
        var now = time.GetUtcNow();
        key.Revoke(now);
        audit.Record(db, member, "api_key.revoked", "api_key", key.Id.ToString(), $"Revoked API key \"{key.Name}\" ({key.DisplayPrefix}).");
        await db.SaveChangesAsync(cancellationToken);
        var createdBy = await db.Users.Where(u => u.Id == key.CreatedByUserId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
        return ToRow(key, createdBy, now);
    }

    /// <summary>The organization's API request log, newest first, filtered and paged in SQL.</summary>
    public async Task<PagedResult<ApiLogRow>> ListRequestsAsync(ApiLogQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await currentMember.RequireAsync(Capability.ManageApiKeys, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var logs = db.ApiRequestLogs.AsNoTracking();
        if (query.ApiKeyId is { } keyId)
        {
            logs = logs.Where(l => l.ApiKeyId == keyId);
        }
        if (query.StatusCode is { } status)
        {
            logs = logs.Where(l => l.StatusCode == status);
        }
        if (Paging.ContainsPattern(query.Path) is { } pattern)
        {
            logs = logs.Where(l => EF.Functions.ILike(l.Path, pattern, @"\"));
        }
        if (query.From is { } from)
        {
            logs = logs.Where(l => l.OccurredAt >= from);
        }
        if (query.To is { } to)
        {
            logs = logs.Where(l => l.OccurredAt < to);
        }
        var total = await logs.CountAsync(cancellationToken);
        var items = await (
                from l in logs
                join k in db.ApiKeys on l.ApiKeyId equals k.Id
                orderby l.OccurredAt descending, l.Id descending
                select new ApiLogRow(l.Id, l.OccurredAt, l.ApiKeyId, k.Name, ApiKeySecret.KeyPrefix + k.Prefix + "…", l.Method, l.Path,
                    l.Domain, l.StatusCode, l.ClientIp, l.DurationMs))
            .Skip(Paging.Skip(query.Page, query.PageSize))
            .Take(Paging.Take(query.PageSize))
            .ToListAsync(cancellationToken);
        return new PagedResult<ApiLogRow>(items, total);
    }

    private static ApiKeyRow ToRow(ApiKey key, string? createdBy, DateTimeOffset now) =>
        new(key.Id, key.Name, key.DisplayPrefix, key.Scopes, createdBy, key.CreatedAt, key.LastUsedAt, key.ExpiresAt, key.RevokedAt,
            key.RevokedAt is not null ? ApiKeyStatus.Revoked : key.IsExpired(now) ? ApiKeyStatus.Expired : ApiKeyStatus.Active);
}
