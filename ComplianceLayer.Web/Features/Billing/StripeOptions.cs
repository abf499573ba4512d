namespace ComplianceLayer.Web.Features.Billing;

/// <summary>
/// Stripe keys (section "Stripe"; secrets from environment variables). All empty: billing is "not configured" and the app
/// runs without checkout; partly set: start-up fails, since a half-configured Stripe would take payments it cannot record.
/// </summary>
public sealed class StripeOptions
{
    public const string SectionName = "Stripe";

    /// <summary>sk_live_… / sk_test_… (or a restricted rk_… key).</summary>
    public string SecretKey { get; set; } = "";

    /// <summary>pk_live_… / pk_test_….</summary>
    public string PublishableKey { get; set; } = "";

    /// <summary>The webhook endpoint's signing secret (whsec_…).</summary>
    public string WebhookSecret { get; set; } = "";

    /// <summary>Another Stripe API base URL (tests and labs point it at a local fake); empty = Stripe's own.</summary>
    public string ApiBase { get; set; } = "";

    /// <summary>How old a webhook's signed timestamp may be, in seconds (Stripe's default tolerance is 300).</summary>
    public int WebhookToleranceSeconds { get; set; } = 300;

    public bool IsConfigured => SecretKey.Length > 0 && PublishableKey.Length > 0 && WebhookSecret.Length > 0;

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        var set = new[] { SecretKey, PublishableKey, WebhookSecret }.Count(v => !string.IsNullOrEmpty(v));
        if (set is > 0 and < 3)
        {
            problems.Add("Stripe is partly configured: set all of Stripe:SecretKey, Stripe:PublishableKey and Stripe:WebhookSecret, or none (billing then shows \"not configured\").");
        }
        if (SecretKey.Length > 0 && !(SecretKey.StartsWith("sk_", StringComparison.Ordinal) || SecretKey.StartsWith("rk_", StringComparison.Ordinal)))
        {
            problems.Add("Stripe:SecretKey must start with sk_ or rk_.");
        }
        if (PublishableKey.Length > 0 && !PublishableKey.StartsWith("pk_", StringComparison.Ordinal))
        {
            problems.Add("Stripe:PublishableKey must start with pk_.");
        }
        if (WebhookSecret.Length > 0 && !WebhookSecret.StartsWith("whsec_", StringComparison.Ordinal))
        {
            problems.Add("Stripe:WebhookSecret must start with whsec_.");
        }
        if (ApiBase.Length > 0 && !Uri.TryCreate(ApiBase, UriKind.Absolute, out _))
        {
            problems.Add("Stripe:ApiBase must be an absolute URL.");
        }
        if (WebhookToleranceSeconds is < 1 or > 3600)
        {
            problems.Add("Stripe:WebhookToleranceSeconds must be 1-3600.");
        }
        return problems;
    }
}
