using ComplianceLayer.Domain.Tenancy;

namespace ComplianceLayer.Domain.ApiKeys;

/// <summary>
/// A key for the REST API. Only the SHA-256 hash and a short prefix of the key are stored; the key itself is
/// shown once when created. Revocation is final.
/// </summary>
public sealed class ApiKey : ITenantOwned
{
    public const int NameMaxLength = 100;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    public required string Name { get; set; }

    /// <summary>The first characters after <c>cl_</c>, for telling keys apart.</summary>
    public required string Prefix { get; init; }

    /// <summary>Lower-case hex SHA-256 of the whole key; unique.</summary>
    public required string Sha256Hash { get; init; }

    public required List<string> Scopes { get; set; }

    public string? CreatedByUserId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public string DisplayPrefix => $"{ApiKeySecret.KeyPrefix}{Prefix}…";

    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } expires && expires <= now;

    public bool IsUsable(DateTimeOffset now) => RevokedAt is null && !IsExpired(now);

    public bool HasScope(string scope) => Scopes.Contains(scope, StringComparer.Ordinal);

    public void Revoke(DateTimeOffset now)
    {
        if (RevokedAt is not null)
        {
            throw new InvalidOperationException($"API key {DisplayPrefix} is already revoked.");
        }
        RevokedAt = now;
    }
}
