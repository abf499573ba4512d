using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Scanning.Net;
using static ComplianceLayer.Scanning.Modules.DnsEmail.CheckResult;

namespace ComplianceLayer.Scanning.Modules.DnsEmail.Checks;

/// <summary>SPF per RFC 7208, graded as internet.nl and checkdmarc do.</summary>
public static class SpfCheck
{
    public const string Name = "spf";

    public static CheckResult Run(string domain, SpfFacts spf, MxFacts mx, DmarcPolicy? appliedDmarc)
    {
        ArgumentNullException.ThrowIfNull(spf);
        ArgumentNullException.ThrowIfNull(mx);
        if (spf.Status is not (DnsLookupStatus.NoError or DnsLookupStatus.NxDomain))
        {
            return NotTested(Name, $"TXT {domain} could not be looked up ({spf.Error ?? spf.Status.ToString()})");
        }

        if (spf.Records.Count == 0)
        {
            var noMail = !mx.ReceivesMail;
            return From(Name, [Issue(DnsEmailCodes.SpfMissing, Severity.Critical, "No SPF record",
                noMail
                    ? "Publish \"v=spf1 -all\": this domain does not receive mail, and the null SPF record tells receivers that nothing may send as it."
                    : "Publish one TXT record \"v=spf1 <your senders> -all\" (or ~all with an enforcing DMARC policy).",
                $"TXT {domain}: no record starting with \"v=spf1\" ({(spf.Status == DnsLookupStatus.NxDomain ? "NXDOMAIN" : "NOERROR")})",
                "Without SPF anyone can send mail that claims to come from this domain, and DMARC can only rely on DKIM.")]);
        }

        if (spf.Records.Count > 1)
        {
            return From(Name, [Issue(DnsEmailCodes.SpfMultiple, Severity.High, "More than one SPF record",
                "Merge the SPF records into a single \"v=spf1\" TXT record.",
                string.Join(" | ", spf.Records.Select(r => $"\"{r}\"")),
                "RFC 7208 §4.5: more than one v=spf1 record is a permerror, so receivers treat SPF as broken.")]);
        }

        var issues = new List<Issue>();
        var evaluation = spf.Evaluation!;
        var record = spf.Records[0];
        if (evaluation.SyntaxErrors.Count > 0)
        {
            issues.Add(Issue(DnsEmailCodes.SpfSyntaxError, Severity.High, "SPF record has syntax errors",
                "Fix the SPF syntax: every mechanism, CIDR length and macro must follow RFC 7208.",
                $"\"{record}\": {string.Join("; ", evaluation.SyntaxErrors)}",
                "A syntax error anywhere in the evaluated records is a permerror: receivers treat SPF as broken (RFC 7208 §4.6)."));
        }

        AddAllPolicy(issues, domain, evaluation, appliedDmarc);
        if (evaluation.LookupCount > 10)
        {
            issues.Add(Issue(DnsEmailCodes.SpfTooManyLookups, Severity.High, $"SPF needs {evaluation.LookupCount} DNS lookups (limit 10)",
                "Reduce include/a/mx/ptr/exists/redirect terms (flatten includes, drop unused senders) to at most 10.",
                $"{evaluation.LookupCount} DNS-querying terms counted through includes and redirects of \"{record}\"",
                "RFC 7208 §4.6.4: more than 10 DNS-querying terms is a permerror; receivers stop and SPF fails."));
        }

        if (evaluation.Loops.Count > 0)
        {
            issues.Add(Issue(DnsEmailCodes.SpfIncludeLoop, Severity.High, "SPF include/redirect loop",
                "Remove the include or redirect that points back to a record already being evaluated.",
                string.Join("; ", evaluation.Loops), "A loop exhausts the lookup limit: a permerror for every receiver."));
        }

        if (evaluation.InvalidTargets.Count > 0)
        {
            issues.Add(Issue(DnsEmailCodes.SpfIncludeInvalid, Severity.High, "SPF include or redirect points to a domain without a valid SPF record",
                "Fix or remove the include/redirect whose target has no (or more than one) SPF record.",
                string.Join("; ", evaluation.InvalidTargets), "RFC 7208 §5.2 and §6.1: such a target makes the whole evaluation a permerror."));
        }

        if (evaluation.VoidLookups.Count > 2)
        {
            issues.Add(Issue(DnsEmailCodes.SpfVoidLookups, Severity.Medium, $"SPF causes {evaluation.VoidLookups.Count} void DNS lookups (limit 2)",
                "Remove mechanisms that point at names without records.",
                string.Join("; ", evaluation.VoidLookups), "RFC 7208 §4.6.4: receivers should return permerror after more than two void lookups."));
        }

        if (evaluation.PtrTerms.Count > 0)
        {
            issues.Add(Issue(DnsEmailCodes.SpfPtrUsed, Severity.Low, "SPF uses the ptr mechanism",
                "Replace ptr with ip4/ip6 or a mechanisms.", string.Join("; ", evaluation.PtrTerms),
                "RFC 7208 §5.5: ptr is slow, unreliable and SHOULD NOT be used; some receivers ignore it."));
        }

        var note = evaluation.Incomplete ? "lookup counts are lower bounds: " + string.Join("; ", evaluation.Unevaluated) : null;
        return From(Name, issues, note);
    }

    private static void AddAllPolicy(List<Issue> issues, string domain, SpfEvaluation evaluation, DmarcPolicy? appliedDmarc)
    {
        // The policy that ends evaluation: the record's "all", or that of the record its redirect points to.
        var node = evaluation.Root;
        var record = SpfRecord.Parse(node.Record!);
        while (record.All is null && record.Redirect is not null && node.Children.FirstOrDefault(c => c.Via == "redirect") is { Record: not null } next)
        {
            node = next;
            record = SpfRecord.Parse(next.Record!);
        }

        var all = record.All;
        var evidence = $"TXT {node.Domain}: \"{node.Record}\"";
        if (all is null)
        {
            if (record.Redirect is null)
            {
                issues.Add(Issue(DnsEmailCodes.SpfNoAll, Severity.High, "SPF record has no \"all\" mechanism",
                    "End the record with -all (or ~all with an enforcing DMARC policy).", evidence,
                    "Without all or redirect, mail from any unlisted server gets the default result neutral: SPF says nothing about it."));
            }

            return;
        }

        switch (all.Qualifier)
        {
            case '+':
                issues.Add(Issue(DnsEmailCodes.SpfPassAll, Severity.Critical, "SPF allows every server (+all)",
                    "Replace +all with -all.", evidence, "+all authorises the whole internet to send as this domain."));
                break;
            case '?':
                issues.Add(Issue(DnsEmailCodes.SpfNeutralAll, Severity.High, "SPF ends in ?all (neutral)",
                    "Replace ?all with -all (or ~all with an enforcing DMARC policy).", evidence,
                    "?all asserts nothing about unlisted servers; internet.nl grades it insufficient."));
                break;
            case '~':
                var enforced = appliedDmarc is DmarcPolicy.Quarantine or DmarcPolicy.Reject;
                // With DMARC enforcing, ~all is the recommended practice (M3AAWG; internet.nl accepts it): DMARC decides, and
                // forwarded mail still passes on DKIM instead of being rejected at the SPF stage.
                issues.Add(Issue(DnsEmailCodes.SpfSoftFailAll, enforced ? Severity.Info : Severity.Low, "SPF ends in ~all (soft fail)",
                    enforced ? "Nothing to do while DMARC enforces; -all is stricter if no mail is forwarded."
                             : "Enforce DMARC (p=quarantine or reject), or end SPF with -all.",
                    evidence,
                    enforced ? "Accepted: the DMARC policy makes receivers act on SPF failures." : "Without an enforcing DMARC policy, receivers usually deliver soft-failed mail."));
                break;
        }
    }
}
