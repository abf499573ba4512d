using System.Globalization;
using ComplianceLayer.Domain.Findings;

namespace ComplianceLayer.Scanning.Modules.Ssl.Checks;

/// <summary>
/// Expired, not yet valid, expiring soon. "Soon" follows the certificate's own lifetime (SC-081 shrinks public
/// lifetimes to 200, 100 and 47 days, so a fixed 30 days would flag every 47-day certificate): less than a third of
/// it left is medium, less than 7 days high.
/// </summary>
public static class CertificateValidityCheck
{
    public static readonly TimeSpan UrgentThreshold = TimeSpan.FromDays(7);

    public static IEnumerable<Issue> Run(CertificateFacts certificate, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var leaf = certificate.Leaf;
        var validity = $"notBefore={Format(leaf.NotBefore)}, notAfter={Format(leaf.NotAfter)}, checked at {Format(now)}";
        if (now > leaf.NotAfter)
        {
            yield return SslIssue.Create(SslCodes.CertExpired, Severity.Critical,
                $"The certificate expired {DaysText(now - leaf.NotAfter)} ago",
                "Renew the certificate and install it with its intermediate certificates; automate renewal (ACME).",
                validity,
                "Browsers refuse expired certificates, so visitors see a full-page warning.");
            yield break;
        }

        if (now < leaf.NotBefore)
        {
            yield return SslIssue.Create(SslCodes.CertNotYetValid, Severity.Critical,
                "The certificate is not valid yet",
                "Install a certificate whose validity has started, and check the server's clock.",
                validity,
                "Browsers refuse a certificate before its notBefore date.");
            yield break;
        }

        var left = leaf.NotAfter - now;
        var lifetime = leaf.NotAfter - leaf.NotBefore;
        var urgent = left < UrgentThreshold;
        if (urgent || left < lifetime / 3)
        {
            yield return SslIssue.Create(SslCodes.CertExpiringSoon, urgent ? Severity.High : Severity.Medium,
                $"The certificate expires in {DaysText(left)}",
                "Renew the certificate now and automate renewal (ACME) well before expiry.",
                $"{validity}; {DaysText(left)} left of a {DaysText(lifetime)} lifetime",
                urgent
                    ? "Less than 7 days are left: renewal is urgent."
                    : "Less than a third of the certificate's lifetime is left: a certificate that is renewed on time is usually replaced by now.");
        }
    }

    internal static string DaysText(TimeSpan span) => span.TotalDays >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{Math.Floor(span.TotalDays):0} days")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Floor(span.TotalHours):0} hours");

    internal static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
