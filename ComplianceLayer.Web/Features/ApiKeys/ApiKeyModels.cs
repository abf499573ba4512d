namespace ComplianceLayer.Web.Features.ApiKeys;

public enum ApiKeyStatus
{
    Active,
    Expired,
    Revoked,
}

public sealed record ApiKeyRow(
    Guid Id,
    string Name,
    string DisplayPrefix,
    IReadOnlyList<string> Scopes,
    string? CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    ApiKeyStatus Status);

/// <summary>What the create dialog asks for. <see cref="ExpiresAt"/> null means the key does not expire.</summary>
public sealed record ApiKeyInput(string? Name, IReadOnlyCollection<string> Scopes, DateTimeOffset? ExpiresAt);

/// <summary>A new key: <see cref="Key"/> is the plaintext, shown once and never stored.</summary>
public sealed record ApiKeyCreated(ApiKeyRow Row, string Key);

/// <summary>Filters of the API request log page; <see cref="Page"/> is zero-based.</summary>
public sealed record ApiLogQuery(
    Guid? ApiKeyId = null,
    int? StatusCode = null,
    string? Path = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Page = 0,
    int PageSize = 50);

public sealed record ApiLogRow(
    long Id,
    DateTimeOffset OccurredAt,
    Guid ApiKeyId,
    string KeyName,
    string KeyPrefix,
    string Method,
    string Path,
    string? Domain,
    int StatusCode,
    string? ClientIp,
    int DurationMs);
