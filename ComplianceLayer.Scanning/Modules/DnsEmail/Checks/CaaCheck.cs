using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Scanning.Net;
using static ComplianceLayer.Scanning.Modules.DnsEmail.CheckResult;

namespace ComplianceLayer.Scanning.Modules.DnsEmail.Checks;

/// <summary>CAA (RFC 8659): the RRset found climbing from the name towards the root, as CAs look it up.</summary>
public static class CaaCheck
{
    public const string Name = "caa";

    public static CheckResult Run(string domain, CaaFacts caa)
    {
        ArgumentNullException.ThrowIfNull(caa);
        if (caa.Status is not (DnsLookupStatus.NoError or DnsLookupStatus.NxDomain))
        {
            return NotTested(Name, $"CAA lookup failed ({caa.Error ?? caa.Status.ToString()})");
        }

        if (caa.Entries.Count == 0)
        {
            return From(Name, [Issue(DnsEmailCodes.CaaMissing, Severity.Low, "No CAA record",
                "Publish CAA records naming the CAs you use (e.g. 0 issue \"letsencrypt.org\") and an iodef contact.",
                $"CAA {domain} and its parent domains: no records",
                "Without CAA any public CA may issue certificates for this domain.")]);
        }

        var invalid = caa.Entries.Where(e => e.Error is not null).ToList();
        return From(Name, invalid.Count == 0 ? [] : [Issue(DnsEmailCodes.CaaSyntaxError, Severity.Low, "CAA records have syntax errors",
            "Fix the CAA records (RFC 8659): issue values are CA domain names, iodef is a mailto:/https: URL.",
            string.Join("; ", invalid.Select(e => $"CAA {caa.FoundAt}: {e.Flags} {e.Tag} \"{e.Value}\": {e.Error}")),
            "CAs treat a malformed issue property as forbidding issuance, which can block renewals.")]);
    }
}
