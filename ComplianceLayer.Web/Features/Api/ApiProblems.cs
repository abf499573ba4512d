using Microsoft.AspNetCore.Http.HttpResults;

namespace ComplianceLayer.Web.Features.Api;

/// <summary>The API's errors, as application/problem+json with a stable title per status.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");

    public static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");

    public static ProblemHttpResult InsufficientScope(string scope) =>
        TypedResults.Problem($"insufficient_scope: this API key lacks the \"{scope}\" scope needed here.",
            statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
            extensions: new Dictionary<string, object?> { ["required_scope"] = scope });

    /// <summary>The organization's plan or subscription state does not allow this (upgrade or pay to lift it).</summary>
    public static ProblemHttpResult PaymentRequired(string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status402PaymentRequired, title: "Not included in the plan", extensions: extensions);

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult TooManyRequests(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests");
}
