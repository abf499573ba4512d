using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Scanning.Net;
using static ComplianceLayer.Scanning.Modules.DnsEmail.CheckResult;

namespace ComplianceLayer.Scanning.Modules.DnsEmail.Checks;

/// <summary>TLS-RPT (RFC 8460): where senders report TLS failures towards the MX hosts.</summary>
public static class TlsRptCheck
{
    public const string Name = "tls_rpt";

    public static CheckResult Run(string domain, TlsRptFacts rpt, MxFacts mx)
    {
        ArgumentNullException.ThrowIfNull(rpt);
        ArgumentNullException.ThrowIfNull(mx);
        if (!mx.ReceivesMail)
        {
            return Pass(Name, "not applicable: the domain has no mail servers");
        }

        if (rpt.Status is not (DnsLookupStatus.NoError or DnsLookupStatus.NxDomain))
        {
            return NotTested(Name, $"TXT _smtp._tls.{domain} could not be looked up ({rpt.Error ?? rpt.Status.ToString()})");
        }

        if (rpt.Records.Count == 0)
        {
            return From(Name, [Issue(DnsEmailCodes.TlsRptMissing, Severity.Info, "No TLS-RPT record",
                "Publish _smtp._tls TXT \"v=TLSRPTv1; rua=mailto:…\" to receive reports of TLS failures.",
                $"TXT _smtp._tls.{domain}: no record starting with \"v=TLSRPTv1\"")]);
        }

        var errors = rpt.Records.Count > 1 ? [$"{rpt.Records.Count} v=TLSRPTv1 records"] : TlsRptRecord.Parse(rpt.Records[0]).Errors;
        return From(Name, errors.Count == 0 ? [] : [Issue(DnsEmailCodes.TlsRptInvalid, Severity.Low, "TLS-RPT record is invalid",
            "Publish exactly one \"v=TLSRPTv1; rua=mailto:…\" record.",
            $"TXT _smtp._tls.{domain}: {string.Join(" | ", rpt.Records.Select(r => $"\"{r}\""))}: {string.Join("; ", errors)}")]);
    }
}
