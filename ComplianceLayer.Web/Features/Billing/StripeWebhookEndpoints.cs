using System.Text;

namespace ComplianceLayer.Web.Features.Billing;

/// <summary>POST /stripe/webhook: Stripe's events, verified by their signature (no user, no antiforgery token).</summary>
public static class StripeWebhookEndpoints
{
    public const string Path = "/stripe/webhook";

    // Stripe's events are a few kB; a larger body is not from Stripe.
    private const int MaxBodyBytes = 512 * 1024;

    public static WebApplication MapStripeWebhook(this WebApplication app)
    {
        app.MapPost(Path, HandleAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    internal static async Task<IResult> HandleAsync(HttpContext context, StripeWebhookHandler handler, CancellationToken cancellationToken)
    {
        if (context.Request.ContentLength is > MaxBodyBytes)
        {
            return Results.Text("Payload too large.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        // The signature covers the exact bytes, so the body is read raw, never through a JSON binder.
        using var reader = new StreamReader(context.Request.Body, new UTF8Encoding(false));
        var payload = await reader.ReadToEndAsync(cancellationToken);
        var (outcome, detail) = await handler.HandleAsync(payload, context.Request.Headers["Stripe-Signature"].ToString(), cancellationToken);
        return outcome switch
        {
            StripeWebhookOutcome.BadSignature => Results.Text(detail, statusCode: StatusCodes.Status400BadRequest),
            StripeWebhookOutcome.NotConfigured => Results.Text(detail, statusCode: StatusCodes.Status404NotFound),
            _ => Results.Text(detail, statusCode: StatusCodes.Status200OK),
        };
    }
}
