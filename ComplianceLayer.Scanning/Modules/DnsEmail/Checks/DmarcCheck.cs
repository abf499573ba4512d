using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Scanning.Net;
using static ComplianceLayer.Scanning.Modules.DnsEmail.CheckResult;

namespace ComplianceLayer.Scanning.Modules.DnsEmail.Checks;

/// <summary>
/// DMARC graded with RFC 9989 (DMARCbis) semantics: pct, rf and ri are deprecated there (noted as info, never penalised,
/// though RFC 7489 receivers still honour pct), np is known, t=y lowers the applied policy one level.
/// </summary>
public static class DmarcCheck
{
    public const string Name = "dmarc";

    /// <summary>The policy receivers apply to mail from the scanned name, or null when there is no usable record.</summary>
    public static DmarcPolicy? AppliedPolicy(DmarcFacts dmarc)
    {
        ArgumentNullException.ThrowIfNull(dmarc);
        if (dmarc.Record is not { } record || dmarc.Records.Count != 1)
        {
            return null;
        }

        var policy = dmarc.ViaOrganizationalDomain ? record.SubdomainPolicy ?? record.EffectivePolicy : record.EffectivePolicy;
        return record.TestMode && policy > DmarcPolicy.None ? policy - 1 : policy;
    }

    public static CheckResult Run(DmarcFacts dmarc)
    {
        ArgumentNullException.ThrowIfNull(dmarc);
        if (dmarc.Status is not (DnsLookupStatus.NoError or DnsLookupStatus.NxDomain))
        {
            return NotTested(Name, $"TXT {dmarc.QueriedAt} could not be looked up ({dmarc.Error ?? dmarc.Status.ToString()})");
        }

        if (dmarc.Records.Count == 0)
        {
            return From(Name, [Issue(DnsEmailCodes.DmarcMissing, Severity.Critical, "No DMARC record",
                "Publish TXT _dmarc.<domain> \"v=DMARC1; p=reject; rua=mailto:…\" (start with p=none only while reviewing reports).",
                $"TXT {dmarc.QueriedAt}: no record starting with \"v=DMARC1\"{(dmarc.ViaOrganizationalDomain ? " (nor at the organizational domain)" : "")}",
                "Without DMARC, receivers have no policy for mail that fails SPF and DKIM alignment: spoofing the domain works.")]);
        }

        var where = $"TXT {dmarc.FoundAt}";
        if (dmarc.Records.Count > 1)
        {
            return From(Name, [Issue(DnsEmailCodes.DmarcMultiple, Severity.High, "More than one DMARC record",
                "Keep exactly one v=DMARC1 record.", $"{where}: {string.Join(" | ", dmarc.Records.Select(r => $"\"{r}\""))}",
                "With more than one record receivers apply no DMARC policy at all (RFC 7489 §6.6.3).")]);
        }

        var record = dmarc.Record!;
        var evidence = $"{where}: \"{record.Text}\"";
        var issues = new List<Issue>();
        if (record.Errors.Count > 0)
        {
            issues.Add(Issue(DnsEmailCodes.DmarcSyntaxError, Severity.High, "DMARC record has syntax errors",
                "Fix the DMARC record's tags (RFC 9989 §4.7).", $"{evidence}: {string.Join("; ", record.Errors)}",
                "Receivers ignore invalid tags or the whole record; an invalid p is treated as none."));
        }

        var applied = AppliedPolicy(dmarc)!.Value;
        if (applied == DmarcPolicy.None)
        {
            var why = record.TestMode && record.EffectivePolicy != DmarcPolicy.None ? " (t=y lowers the policy one level)"
                : dmarc.ViaOrganizationalDomain ? " (the organizational domain's subdomain policy)" : "";
            issues.Add(Issue(DnsEmailCodes.DmarcPolicyNone, Severity.High, "DMARC policy is none (monitoring only)" + why,
                "Move to p=quarantine, then p=reject, once the aggregate reports show your legitimate senders pass.", evidence,
                "p=none asks receivers to deliver mail that fails DMARC: spoofed mail is not stopped."));
        }

        if (record.Pct is < 100)
        {
            issues.Add(Issue(DnsEmailCodes.DmarcPctPartial, Severity.Info, $"DMARC pct={record.Pct}: the policy covers only part of failing mail at older receivers",
                "Remove pct (RFC 9989 dropped it); receivers following RFC 9989 apply the policy to all mail.", evidence,
                "Reported with RFC 9989 semantics, where pct no longer exists; RFC 7489 receivers still apply the policy to that share only."));
        }

        var deprecated = record.Tags.Keys.Where(DmarcRecord.DeprecatedTags.Contains).Order(StringComparer.Ordinal).ToList();
        if (deprecated.Count > 0)
        {
            issues.Add(Issue(DnsEmailCodes.DmarcDeprecatedTags, Severity.Info, $"DMARC uses tags removed in RFC 9989: {string.Join(", ", deprecated)}",
                "Remove pct, rf and ri when you next edit the record.", evidence, "Harmless today; newer receivers ignore them."));
        }

        if (record.Rua.Count == 0)
        {
            issues.Add(Issue(DnsEmailCodes.DmarcNoRua, Severity.Low, "DMARC has no aggregate report address (rua)",
                "Add rua=mailto:… so that you see who sends as your domain.", evidence,
                "Without reports, failures of legitimate senders and spoofing attempts stay invisible."));
        }

        if (record.SubdomainPolicy is { } sp && sp < record.EffectivePolicy)
        {
            issues.Add(Issue(DnsEmailCodes.DmarcSpWeaker, Severity.Medium, $"DMARC subdomain policy (sp={DmarcRecord.Name(sp)}) is weaker than p={DmarcRecord.Name(record.EffectivePolicy)}",
                "Set sp to the same policy as p, or drop sp.", evidence, "Attackers can spoof any subdomain instead of the domain itself."));
        }

        if (record.NonExistentPolicy is { } np && np < record.EffectivePolicy)
        {
            issues.Add(Issue(DnsEmailCodes.DmarcNpWeaker, Severity.Low, $"DMARC non-existent-subdomain policy (np={DmarcRecord.Name(np)}) is weaker than p={DmarcRecord.Name(record.EffectivePolicy)}",
                "Set np=reject (or drop np).", evidence, "Mail from invented subdomains, which never send legitimately, gets the weaker policy (RFC 9989)."));
        }

        return From(Name, issues);
    }
}
