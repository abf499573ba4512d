using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Reports;
using ComplianceLayer.Domain.Scoring;

namespace ComplianceLayer.Web.Infrastructure.Hosting;

/// <summary>
/// Synthetic but well-formed scan reports for the UI benchmark: each domain has a set of real finding codes that drifts
/// from scan to scan, and Domain's <see cref="ScoreCard"/> turns them into the stored report (modules, issues, caveats,
/// compliance section), so the jsonb has the structure and size of real scans. Deterministic for a given seed.
/// </summary>
internal static class BenchReports
{
    private sealed record PoolIssue(string Module, string Code, Severity Severity, string Title, string? Subject = null);

    private static readonly PoolIssue[] Pool =
    [
        new(ModuleKeys.Ssl, "ssl.protocol.tls10_enabled", Severity.High, "TLS 1.0 is accepted"),
        new(ModuleKeys.Ssl, "ssl.protocol.tls11_enabled", Severity.Medium, "TLS 1.1 is accepted"),
        new(ModuleKeys.Ssl, "ssl.cert.expired", Severity.Critical, "The certificate has expired"),
        new(ModuleKeys.Ssl, "ssl.cipher.no_forward_secrecy", Severity.Medium, "Cipher suites without forward secrecy are offered"),
        new(ModuleKeys.Ssl, "ssl.cert.incomplete_chain", Severity.Medium, "The certificate chain is incomplete"),
        new(ModuleKeys.Headers, "headers.hsts.missing", Severity.Medium, "Strict-Transport-Security is missing"),
        new(ModuleKeys.Headers, "headers.csp.missing", Severity.Medium, "Content-Security-Policy is missing"),
        new(ModuleKeys.Headers, "headers.framing.missing", Severity.Low, "The page can be framed by any site"),
        new(ModuleKeys.Headers, "headers.xcto.missing", Severity.Low, "X-Content-Type-Options is missing"),
        new(ModuleKeys.Headers, "headers.referrer_policy.missing", Severity.Low, "Referrer-Policy is missing"),
        new(ModuleKeys.DnsEmail, "dns_email.dmarc.missing", Severity.High, "No DMARC record"),
        new(ModuleKeys.DnsEmail, "dns_email.dmarc.policy_none", Severity.Medium, "DMARC policy is none"),
        new(ModuleKeys.DnsEmail, "dns_email.spf.softfail_all", Severity.Low, "SPF ends in ~all"),
        new(ModuleKeys.DnsEmail, "dns_email.dkim.absent", Severity.Medium, "No DKIM key found for common selectors"),
        new(ModuleKeys.Ports, "ports.exposed.rdp", Severity.Critical, "RDP is reachable from the internet", "3389"),
        new(ModuleKeys.Ports, "ports.exposed.mysql", Severity.High, "MySQL is reachable from the internet", "3306"),
        new(ModuleKeys.Ports, "ports.exposed.ftp", Severity.Medium, "FTP is reachable from the internet", "21"),
        new(ModuleKeys.Ports, "ports.exposed.ssh", Severity.Low, "SSH is reachable from the internet", "22"),
        new(ModuleKeys.Cookies, "cookies.missing_secure", Severity.Medium, "A cookie is sent without Secure", "sessionid"),
        new(ModuleKeys.Cookies, "cookies.missing_httponly", Severity.Low, "A cookie is readable by scripts", "sessionid"),
        new(ModuleKeys.Dnssec, "dnssec.not_signed", Severity.Low, "The zone is not signed with DNSSEC"),
        new(ModuleKeys.Waf, "waf.not_detected", Severity.Low, "No web application firewall detected"),
        new(ModuleKeys.JsAudit, "js_audit.vulnerable_library", Severity.Medium, "A JavaScript library with known vulnerabilities is loaded", "jquery@1.12.4"),
    ];

    /// <summary>The issues a domain starts with: weaker domains (low <paramref name="quality"/>) have more and worse ones.</summary>
    public static bool[] InitialIssues(Random random, double quality) =>
        Pool.Select(_ => random.NextDouble() < 0.9 * Math.Pow(1 - quality, 2)).ToArray();

    /// <summary>Between two scans, now and then one finding appears or is fixed.</summary>
    public static void Drift(Random random, bool[] present)
    {
        if (random.NextDouble() < 0.2)
        {
            var i = random.Next(present.Length);
            present[i] = !present[i];
        }
    }

    public static ScanReport Build(string domain, string reportId, DateTimeOffset scannedAt, bool[] present)
    {
        var issues = Pool.Where((_, i) => present[i])
            .Select(p => new Issue(p.Module, p.Code, p.Severity, p.Title, "See the remediation guide for " + p.Code,
                $"observed by the benchmark seeder on {domain}", subject: p.Subject))
            .ToList();
        var outcomes = ScoringPolicy.Modules.Where(m => m.IsWeighted)
            .Select(m => ModuleOutcome.Completed(m.Key, issues.Where(i => i.Module == m.Key)))
            .ToList();
        var card = ScoreCard.Build(domain, reportId, scannedAt, outcomes);
        return card.IsScored ? card.Report : throw new InvalidOperationException(card.FailureReason);
    }
}
