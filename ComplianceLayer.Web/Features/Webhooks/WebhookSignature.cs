using System.Security.Cryptography;
using System.Text;

namespace ComplianceLayer.Web.Features.Webhooks;

/// <summary>
/// The signing scheme, documented on Settings → Webhooks:
/// <c>ComplianceLayer-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "&lt;t&gt;.&lt;body&gt;")&gt;</c>.
/// The key is the whole secret text (<c>whsec_…</c>) as UTF-8. Receivers should compare in constant time and reject old timestamps.
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "ComplianceLayer-Signature";
    public const string EventHeader = "ComplianceLayer-Event";
    public const string DeliveryHeader = "ComplianceLayer-Delivery";

    public static string Compute(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var prefix = Encoding.UTF8.GetBytes($"{timestamp}.");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }

    public static string Header(string secret, long timestamp, ReadOnlySpan<byte> body) =>
        $"t={timestamp},v1={Compute(secret, timestamp, body)}";

    public static string NewSecret() =>
        ComplianceLayer.Domain.Webhooks.WebhookEndpoint.SecretPrefix
        + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
