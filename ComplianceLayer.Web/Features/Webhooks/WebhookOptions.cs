using System.ComponentModel.DataAnnotations;

namespace ComplianceLayer.Web.Features.Webhooks;

/// <summary>Webhook delivery: transport rules, timeout and the retry schedule.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>
    /// Accept http:// endpoint URLs. Off in production: only https:// endpoints can be registered. For loopback labs and tests only
    /// (with Scanning:AllowPrivateNetworks); the target guard still applies either way.
    /// </summary>
    public bool AllowHttp { get; set; }

    /// <summary>How long one attempt may take (connect, send, response headers and body).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The delay before the second attempt; each later delay doubles, up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>No attempt is made later than this after the event: the delivery is then "exhausted".</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan RetryWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The delay after attempt number <paramref name="attempt"/> (1-based) failed.</summary>
    public TimeSpan DelayAfter(int attempt)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var ticks = Math.Min(RetryBaseDelay.Ticks * factor, MaxRetryDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}
