namespace ComplianceLayer.Web.Features.Api;

/// <summary>
/// The API key a request presented, once it was found by its hash (usable or not). Set as a request feature by the
/// authentication handler; the request log and the rate limiter read it.
/// </summary>
public sealed record ApiCaller(Guid ApiKeyId, Guid OrganizationId, string DisplayPrefix, IReadOnlyList<string> Scopes)
{
    public bool HasScope(string scope) => Scopes.Contains(scope, StringComparer.Ordinal);

    public static ApiCaller Require(HttpContext context) =>
        context.Features.Get<ApiCaller>()
        ?? throw new InvalidOperationException("This endpoint needs API key authentication, but none ran.");
}
