using ComplianceLayer.Domain.Findings;
using static ComplianceLayer.Scanning.Modules.DnsEmail.CheckResult;

namespace ComplianceLayer.Scanning.Modules.DnsEmail.Checks;

/// <summary>Each MX host offers STARTTLS with a certificate valid for its name.</summary>
public static class StartTlsCheck
{
    public const string Name = "smtp_starttls";

    public static CheckResult Run(MxFacts mx)
    {
        ArgumentNullException.ThrowIfNull(mx);
        if (!mx.ReceivesMail)
        {
            return Pass(Name, "not applicable: the domain has no mail servers");
        }

        var probes = mx.Hosts.Where(h => h.Smtp is not null).Select(h => h.Smtp!).ToList();
        var tested = probes.Where(p => p.Tested).ToList();
        var notTested = probes.Where(p => !p.Tested).Select(p => $"{p.Host}: {p.NotTestedReason}").ToList();
        if (tested.Count == 0)
        {
            return NotTested(Name, notTested.Count == 0 ? "no MX host was probed" : string.Join("; ", notTested));
        }

        var issues = new List<Issue>();
        foreach (var probe in tested)
        {
            if (probe.StartTlsOffered == false)
            {
                issues.Add(Issue(DnsEmailCodes.SmtpStartTlsMissing, Severity.High, $"MX {probe.Host} does not offer STARTTLS",
                    "Enable STARTTLS on the mail server with a certificate for its host name.",
                    $"EHLO reply from {probe.Host}:{probe.Port}: {probe.EhloReply}",
                    "Mail to this server travels in clear text and can be read or altered on the way.", probe.Host));
            }
            else if (probe.Tls is { } tls && (!tls.Trusted || !tls.HostnameMatches))
            {
                var problems = new List<string>();
                if (!tls.HostnameMatches)
                {
                    problems.Add($"not valid for {probe.Host} (names: {string.Join(", ", tls.DnsNames)})");
                }

                if (!tls.Trusted)
                {
                    problems.Add($"not trusted ({tls.ChainProblem ?? "chain not built"})");
                }

                issues.Add(Issue(DnsEmailCodes.SmtpCertificateInvalid, Severity.Medium, $"MX {probe.Host} presents an invalid certificate",
                    "Install a publicly trusted certificate that names the MX host.",
                    $"certificate after STARTTLS on {probe.Host}:{probe.Port}: subject \"{tls.Subject}\", issuer \"{tls.Issuer}\", {string.Join("; ", problems)}",
                    "Opportunistic STARTTLS does not validate certificates, so mail still flows encrypted; but MTA-STS and DANE senders refuse it, and it gives no protection against interception.",
                    probe.Host));
            }
        }

        return From(Name, issues, notTested.Count == 0 ? null : "not tested: " + string.Join("; ", notTested));
    }
}
