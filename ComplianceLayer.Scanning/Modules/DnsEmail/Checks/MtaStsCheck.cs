using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Scanning.Net;
using static ComplianceLayer.Scanning.Modules.DnsEmail.CheckResult;

namespace ComplianceLayer.Scanning.Modules.DnsEmail.Checks;

/// <summary>MTA-STS (RFC 8461): the _mta-sts record, the policy file and its mx patterns against the MX hosts.</summary>
public static class MtaStsCheck
{
    public const string Name = "mta_sts";

    public static CheckResult Run(string domain, MtaStsFacts sts, MxFacts mx)
    {
        ArgumentNullException.ThrowIfNull(sts);
        ArgumentNullException.ThrowIfNull(mx);
        if (!mx.ReceivesMail)
        {
            return Pass(Name, "not applicable: the domain has no mail servers");
        }

        if (sts.Status is not (DnsLookupStatus.NoError or DnsLookupStatus.NxDomain))
        {
            return NotTested(Name, $"TXT _mta-sts.{domain} could not be looked up ({sts.Error ?? sts.Status.ToString()})");
        }

        if (sts.Records.Count == 0)
        {
            return From(Name, [Issue(DnsEmailCodes.MtaStsMissing, Severity.Low, "No MTA-STS policy",
                "Publish _mta-sts TXT \"v=STSv1; id=…\" and a policy at https://mta-sts.<domain>/.well-known/mta-sts.txt (start in mode testing).",
                $"TXT _mta-sts.{domain}: no record starting with \"v=STSv1\"",
                "Without MTA-STS (or DANE) a network attacker can strip STARTTLS and read inbound mail.")]);
        }

        var problems = new List<string>();
        if (sts.Records.Count > 1)
        {
            problems.Add($"{sts.Records.Count} v=STSv1 records (senders ignore them all)");
        }
        else
        {
            problems.AddRange(MtaStsRecord.Parse(sts.Records[0]).Errors.Select(e => $"_mta-sts record: {e}"));
        }

        var fetch = sts.Fetch;
        if (fetch is { CouldNotTest: true })
        {
            return problems.Count > 0 ? From(Name, [Invalid(sts, problems)], $"policy not fetched: {fetch.Error}") : NotTested(Name, $"policy {fetch.Url} could not be fetched: {fetch.Error}");
        }

        if (fetch is not null)
        {
            if (fetch.Error is not null)
            {
                problems.Add($"policy {fetch.Url}: {fetch.Error}");
            }
            else if (fetch.StatusCode != 200)
            {
                problems.Add($"policy {fetch.Url}: HTTP {fetch.StatusCode}");
            }
            else
            {
                if (fetch.CertificateValid == false)
                {
                    problems.Add($"policy host certificate is not valid ({fetch.CertificateProblem}); senders must not use the policy");
                }

                problems.AddRange(fetch.Policy!.Errors.Select(e => $"policy: {e}"));
            }
        }

        var issues = new List<Issue>();
        if (problems.Count > 0)
        {
            issues.Add(Invalid(sts, problems));
            return From(Name, issues);
        }

        var policy = fetch!.Policy!;
        var evidence = $"{fetch.Url}: \"{fetch.Body?.ReplaceLineEndings(" | ").Trim()}\"";
        if (policy.Mode is "testing" or "none")
        {
            issues.Add(Issue(DnsEmailCodes.MtaStsNotEnforced, Severity.Info, $"MTA-STS policy is in mode {policy.Mode}",
                "Switch to mode: enforce once TLS-RPT reports show no failures.", evidence,
                "In testing mode senders report failures but still deliver without TLS."));
        }

        if (policy.Mode is "enforce" or "testing")
        {
            var unmatched = mx.Hosts.Where(h => !policy.Mx.Any(p => MtaStsPolicy.Matches(p, h.Host))).Select(h => h.Host).ToList();
            if (unmatched.Count > 0)
            {
                issues.Add(Issue(DnsEmailCodes.MtaStsMxMismatch, Severity.Medium, "MTA-STS policy does not cover every MX host",
                    "Add an mx: line for every MX host (or a *.pattern covering it).",
                    $"{evidence}; MX hosts not matched: {string.Join(", ", unmatched)}",
                    "Senders enforcing the policy refuse to deliver to MX hosts the policy does not list."));
            }
        }

        return From(Name, issues);
    }

    private static Issue Invalid(MtaStsFacts sts, List<string> problems) =>
        Issue(DnsEmailCodes.MtaStsInvalid, Severity.Medium, "MTA-STS is published but invalid",
            "Fix the _mta-sts record and serve a valid policy over HTTPS with a trusted certificate for mta-sts.<domain>.",
            string.Join("; ", problems), $"Records: {string.Join(" | ", sts.Records)}. Senders treat an invalid MTA-STS setup as absent.");
}
