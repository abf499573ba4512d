using ComplianceLayer.Web.Features.Billing;
using ComplianceLayer.Web.Features.Domains;
using ComplianceLayer.Web.Features.Reports;
using ComplianceLayer.Web.Features.Scans;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;

namespace ComplianceLayer.Web.Features.Api;

public static class ApiServiceCollectionExtensions
{
    /// <summary>Options, the API-key scheme, rate limits, the API's services and the OpenAPI document.</summary>
    public static WebApplicationBuilder AddApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.RateLimit.IsValid(), "Api:RateLimit has a value out of range (limits 1-1000000, ReplenishmentPeriod 1 s-1 day).")
            .ValidateOnStart();
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddSingleton<ApiRateLimiter>();
        builder.Services.AddScoped<ApiScanRequests>();
        builder.Services.AddScoped<ApiQueries>();
        builder.Services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "ComplianceLayer API",
                Version = "v1",
                Description = "Scan domains, poll jobs and read reports. Authenticate with \"Authorization: Bearer cl_…\" (Settings → API keys).",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API key (cl_…) created under Settings → API keys.",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] }];
            return Task.CompletedTask;
        }));
        return builder;
    }

    /// <summary>The request log must see every /v1 request, so it runs before authentication and authorization.</summary>
    public static WebApplication UseApi(this WebApplication app)
    {
        app.UseMiddleware<ApiRequestLogMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>Maps /v1 (API key, rate limit, each feature's endpoints) and /openapi/v1.json.</summary>
    public static WebApplication MapApi(this WebApplication app)
    {
        var policy = new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser().Build();
        var v1 = app.MapGroup(ApiRequestLogMiddleware.PathPrefix)
            .RequireAuthorization(policy)
            .AddEndpointFilter<ApiPlanFilter>()
            .AddEndpointFilter<RateLimitFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status402PaymentRequired)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .DisableAntiforgery();
        v1.MapScanEndpoints();
        v1.MapReportEndpoints();
        v1.MapDomainEndpoints();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        return app;
    }

    /// <summary>The key must carry <paramref name="scope"/>; otherwise 403 insufficient_scope.</summary>
    public static RouteHandlerBuilder RequireScope(this RouteHandlerBuilder builder, string scope) => builder
        .WithMetadata(new RequiredScope(scope))
        .AddEndpointFilter(async (context, next) =>
            ApiCaller.Require(context.HttpContext).HasScope(scope)
                ? await next(context)
                : ApiProblems.InsufficientScope(scope));
}

/// <summary>Endpoint metadata: the scope an endpoint needs (shown on the API reference page).</summary>
public sealed record RequiredScope(string Scope);

internal sealed class RateLimitFilter(ApiRateLimiter limiter) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var planRate = http.Features.Get<ApiPlanRate>()?.RequestsPerMinute;
        if (!limiter.TryAcquire(ApiCaller.Require(http), planRate, http.Response, out var retryAfter))
        {
            return ApiProblems.TooManyRequests(
                $"Rate limit reached for this API key or its organization. Retry after {Math.Ceiling(retryAfter.TotalSeconds)} s.");
        }
        return await next(context);
    }
}
