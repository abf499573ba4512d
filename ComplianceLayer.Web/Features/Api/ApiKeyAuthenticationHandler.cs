using System.Security.Claims;
using System.Text.Encodings.Web;
using ComplianceLayer.Domain.ApiKeys;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ComplianceLayer.Web.Features.Api;

/// <summary>
/// "Authorization: Bearer cl_…" for /v1: finds the key by its SHA-256 hash (so no plaintext is stored or compared),
/// refuses unknown, revoked and expired keys with 401 problem+json, and sets the request's tenant to the key's organization.
/// The key itself is never logged.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IDbContextFactory<AppDbContext> dbFactory,
    TenantContext tenant,
    IOptions<ApiOptions> apiOptions,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string ScopeClaim = "scope";
    public const string ApiKeyIdClaim = "api_key_id";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            return AuthenticateResult.Fail("Missing API key: send it as \"Authorization: Bearer cl_…\".");
        }
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("The Authorization header must use the Bearer scheme: \"Authorization: Bearer cl_…\".");
        }
        var presented = header["Bearer ".Length..].Trim();
        if (!ApiKeySecret.LooksLikeKey(presented))
        {
            return AuthenticateResult.Fail("Unknown API key.");
        }

        var hash = ApiKeySecret.Hash(presented);
        await using var db = await dbFactory.CreateDbContextAsync(Context.RequestAborted);
        // No tenant yet: the key decides it, so this one lookup bypasses the tenant filter.
        var key = await db.ApiKeys.IgnoreQueryFilters([AppDbContext.TenantFilter]).AsNoTracking()
            .SingleOrDefaultAsync(k => k.Sha256Hash == hash, Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("Unknown API key.");
        }
        Context.Features.Set(new ApiCaller(key.Id, key.OrganizationId, key.DisplayPrefix, key.Scopes));
        var now = time.GetUtcNow();
        if (key.RevokedAt is not null)
        {
            return AuthenticateResult.Fail("This API key has been revoked.");
        }
        if (key.IsExpired(now))
        {
            return AuthenticateResult.Fail($"This API key expired on {key.ExpiresAt:yyyy-MM-dd HH:mm} UTC.");
        }

        if (await db.Organizations.AnyAsync(o => o.Id == key.OrganizationId && o.DeletionRequestedAt != null, Context.RequestAborted))
        {
            return AuthenticateResult.Fail("This organization is scheduled for deletion; its API keys are suspended.");
        }

        tenant.Set(key.OrganizationId);
        await TouchAsync(db, key, now);

        List<Claim> claims = [new(ApiKeyIdClaim, key.Id.ToString()), new(ClaimTypes.Name, key.DisplayPrefix)];
        claims.AddRange(key.Scopes.Select(s => new Claim(ScopeClaim, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = "Bearer";
        await ApiProblems.Unauthorized(result.Failure?.Message ?? "Missing API key.").ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        TypedResults.Problem("This API key may not do this.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden")
            .ExecuteAsync(Context);

    /// <summary>Records "last used" at most once per interval, so a busy key does not write on every request.</summary>
    private async Task TouchAsync(AppDbContext db, ApiKey key, DateTimeOffset now)
    {
        var threshold = now - apiOptions.Value.LastUsedUpdateInterval;
        if (key.LastUsedAt is { } last && last > threshold)
        {
            return;
        }
        await db.ApiKeys.IgnoreQueryFilters([AppDbContext.TenantFilter])
            .Where(k => k.Id == key.Id && (k.LastUsedAt == null || k.LastUsedAt <= threshold))
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), Context.RequestAborted);
    }
}
