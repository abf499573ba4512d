using System.Globalization;
using ComplianceLayer.Web.Features.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ComplianceLayer.Web.Features.Billing;

/// <summary>The plan's API request rate for this request, read by the rate limiter (null: only Api:RateLimit applies).</summary>
public sealed record ApiPlanRate(int? RequestsPerMinute);

/// <summary>
/// First filter of /v1: the key's organization must have API access on its plan (402 otherwise), and any plan refusal
/// further in (domain limit, scan quota, read-only) becomes problem+json: 429 with Retry-After for a used-up quota, 402 else.
/// </summary>
internal sealed class ApiPlanFilter(PlanGuard planGuard, TimeProvider time) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        try
        {
            var limits = await planGuard.EnsureApiAccessAsync(http.RequestAborted);
            http.Features.Set(new ApiPlanRate(limits.ApiRequestsPerMinute));
            return await next(context);
        }
        catch (PlanLimitExceededException ex)
        {
            return ToProblem(ex, http.Response, time.GetUtcNow());
        }
    }

    internal static ProblemHttpResult ToProblem(PlanLimitExceededException ex, HttpResponse response, DateTimeOffset now)
    {
        var extensions = new Dictionary<string, object?> { ["plan_limit"] = ex.Kind.ToString() };
        if (ex.Kind == PlanLimitKind.QuotaExceeded)
        {
            var seconds = ex.ResetsAt is { } reset ? Math.Max(1, (long)Math.Ceiling((reset - now).TotalSeconds)) : 3600;
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            extensions["resets_at"] = ex.ResetsAt;
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status429TooManyRequests, title: "Quota exceeded", extensions: extensions);
        }
        return ApiProblems.PaymentRequired(ex.Message, extensions);
    }
}
