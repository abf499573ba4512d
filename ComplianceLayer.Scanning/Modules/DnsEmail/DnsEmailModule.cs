using ComplianceLayer.Domain.Scoring;
using ComplianceLayer.Scanning.Modules.DnsEmail.Checks;
using ComplianceLayer.Scanning.Net;
using DnsClient;
using DnsClient.Protocol;

namespace ComplianceLayer.Scanning.Modules.DnsEmail;

/// <summary>
/// SPF, DMARC, DKIM, CAA, MX with STARTTLS, MTA-STS and TLS-RPT of the scanned name. All DNS goes through the scan's shared
/// queries; SMTP through the guarded connector; the policy file through the guarded HTTP client. Then the pure checks run.
/// </summary>
public sealed class DnsEmailModule : IScanModule
{
    /// <summary>MX hosts probed for STARTTLS, by preference; the rest are listed but not probed, to bound a scan's cost.</summary>
    public const int MaxProbedMxHosts = 5;

    public string Key => ModuleKeys.DnsEmail;

    public async Task<ModuleOutcome> RunAsync(ScanContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var facts = await DnsEmailProbe.CollectAsync(context, cancellationToken).ConfigureAwait(false);
        var results = RunChecks(facts);
        return ModuleOutcome.Completed(Key, results.SelectMany(r => r.Issues), DnsEmailDetails.Build(facts, results));
    }

    public static IReadOnlyList<CheckResult> RunChecks(DnsEmailFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var applied = DmarcCheck.AppliedPolicy(facts.Dmarc);
        return
        [
            SpfCheck.Run(facts.Domain, facts.Spf, facts.Mx, applied),
            DmarcCheck.Run(facts.Dmarc),
            DkimCheck.Run(facts.Domain, facts.Dkim),
            CaaCheck.Run(facts.Domain, facts.Caa),
            MxCheck.Run(facts.Domain, facts.Mx),
            StartTlsCheck.Run(facts.Mx),
            MtaStsCheck.Run(facts.Domain, facts.MtaSts, facts.Mx),
            TlsRptCheck.Run(facts.Domain, facts.TlsRpt, facts.Mx),
        ];
    }
}
