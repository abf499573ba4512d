using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Scanning.Net;
using static ComplianceLayer.Scanning.Modules.DnsEmail.CheckResult;

namespace ComplianceLayer.Scanning.Modules.DnsEmail.Checks;

/// <summary>MX records: missing, null MX (RFC 7505), and hosts that RFC 5321/2181 forbid (CNAME targets, IP literals).</summary>
public static class MxCheck
{
    public const string Name = "mx";

    public const string LockDown = "A domain that sends no mail should publish \"v=spf1 -all\" and \"v=DMARC1; p=reject;\".";

    public static CheckResult Run(string domain, MxFacts mx)
    {
        ArgumentNullException.ThrowIfNull(mx);
        if (mx.Status is not (DnsLookupStatus.NoError or DnsLookupStatus.NxDomain))
        {
            return NotTested(Name, $"MX {domain} could not be looked up ({mx.Error ?? mx.Status.ToString()})");
        }

        if (mx.Hosts.Count == 0)
        {
            return From(Name, [Issue(DnsEmailCodes.MxMissing, Severity.Info, "No MX record",
                "If the domain should receive mail, publish MX records; if not, publish a null MX (\"0 .\"). " + LockDown,
                $"MX {domain}: {(mx.Status == DnsLookupStatus.NxDomain ? "NXDOMAIN" : "no records")}",
                "Senders fall back to the domain's A/AAAA address (RFC 5321 §5.1).")]);
        }

        if (mx.IsNullMx)
        {
            return From(Name, [Issue(DnsEmailCodes.MxNull, Severity.Info, "Null MX: the domain accepts no mail (RFC 7505)",
                LockDown, $"MX {domain}: 0 .", "Good practice for a domain without mail, together with the SPF and DMARC lock-down.")]);
        }

        var issues = new List<Issue>();
        foreach (var host in mx.Hosts)
        {
            if (host.IsIpLiteral)
            {
                issues.Add(Issue(DnsEmailCodes.MxIpLiteral, Severity.Medium, $"MX {host.Host} is an IP address, not a host name",
                    "Point the MX at a host name with A/AAAA records.", $"MX {domain}: {host.Preference} {host.Host}",
                    "RFC 5321 §5.1 requires a domain name; many senders fail to deliver.", host.Host));
            }
            else if (host.CnameTarget is { } target)
            {
                issues.Add(Issue(DnsEmailCodes.MxCname, Severity.Medium, $"MX {host.Host} is a CNAME",
                    "Point the MX directly at the canonical host name.", $"MX {domain}: {host.Preference} {host.Host}; CNAME {host.Host} → {target}",
                    "RFC 2181 §10.3 forbids MX targets that are aliases; some senders refuse them and MTA-STS matching uses the MX name.", host.Host));
            }
        }

        return From(Name, issues);
    }
}
