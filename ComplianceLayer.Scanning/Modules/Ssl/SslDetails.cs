using System.Security.Authentication;
using System.Text.Json.Nodes;
using ComplianceLayer.Scanning.Modules.Ssl.Checks;
using ComplianceLayer.Scanning.Modules.Ssl.Probing;
using ComplianceLayer.Scanning.Net;

namespace ComplianceLayer.Scanning.Modules.Ssl;

/// <summary>The module's <c>details</c>: what was measured, for the report.</summary>
public static class SslDetails
{
    public static JsonObject Build(SslFacts facts, TlsHandshakeResult handshake)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(handshake);
        var details = new JsonObject
        {
            ["address"] = handshake.Address?.ToString(),
            ["handshake"] = handshake.Outcome.ToString(),
        };
        if (handshake.Error is not null)
        {
            details["handshake_error"] = handshake.Error;
        }

        if (facts.Protocols is { } scan)
        {
            AddProtocols(details, scan);
        }

        details["negotiated"] = handshake.Succeeded
            ? new JsonObject { ["protocol"] = ProtocolLabel(handshake.Protocol), ["cipher_suite"] = handshake.CipherSuite?.ToString() }
            : null;
        details["certificate"] = facts.Certificate is { } certificate ? Certificate(certificate, facts.Now) : null;
        if (facts.CertificateNotTestedReason is not null)
        {
            details["certificate_not_tested"] = facts.CertificateNotTestedReason;
        }

        details["http_redirects_to_https"] = facts.Http is { Reachable: true } http ? http.EndsOnHttps : null;
        details["http_redirect_chain"] = facts.Http is null ? null : new JsonArray([.. facts.Http.Chain.Select(c => (JsonNode?)c)]);
        if (facts.Http?.Error is { } error)
        {
            details["http_error"] = error;
        }

        return details;
    }

    private static void AddProtocols(JsonObject details, ProtocolScan scan)
    {
        details["protocols"] = new JsonArray([.. scan.Versions.Where(v => v.IsAccepted).Select(v => (JsonNode?)v.Version.Label())]);
        details["protocols_not_accepted"] = ByVersion(scan, ProbeVerdict.NotAccepted);
        details["protocols_not_tested"] = ByVersion(scan, ProbeVerdict.NotTested);
        var suites = new JsonObject();
        var incomplete = new JsonObject();
        var ratings = new JsonObject();
        foreach (var probe in scan.Versions.Where(v => v.IsAccepted))
        {
            suites[probe.Version.Label()] = new JsonArray([.. probe.Suites.Select(id => (JsonNode?)CipherSuiteCatalog.Name(id))]);
            if (!probe.SuitesComplete)
            {
                incomplete[probe.Version.Label()] = probe.SuitesNote;
            }

            foreach (var suite in probe.Suites.Select(CipherSuiteCatalog.Get))
            {
                ratings[suite.Name] = suite.Rating.Label();
            }
        }

        details["cipher_suites"] = suites;
        details["cipher_suite_ratings"] = ratings;
        if (incomplete.Count > 0)
        {
            details["cipher_suites_incomplete"] = incomplete;
        }
    }

    private static JsonObject ByVersion(ProtocolScan scan, ProbeVerdict verdict)
    {
        var result = new JsonObject();
        foreach (var probe in scan.Versions.Where(v => v.Verdict == verdict))
        {
            result[probe.Version.Label()] = probe.Reason;
        }

        return result;
    }

    private static JsonObject Certificate(CertificateFacts certificate, DateTimeOffset now)
    {
        var leaf = certificate.Leaf;
        return new JsonObject
        {
            ["subject"] = leaf.Subject,
            ["sans"] = new JsonArray([.. leaf.DnsNames.Select(n => (JsonNode?)n)]),
            ["issuer"] = leaf.Issuer,
            ["not_before"] = CertificateValidityCheck.Format(leaf.NotBefore),
            ["not_after"] = CertificateValidityCheck.Format(leaf.NotAfter),
            ["days_left"] = (int)Math.Floor((leaf.NotAfter - now).TotalDays),
            ["lifetime_days"] = (int)Math.Round((leaf.NotAfter - leaf.NotBefore).TotalDays),
            ["key"] = leaf.Key,
            ["signature_algorithm"] = leaf.SignatureAlgorithm,
            ["trusted"] = certificate.IsChainTrusted,
            ["hostname_match"] = certificate.HostnameMatches,
            ["self_signed"] = leaf.IsSelfIssued,
            ["chain"] = new JsonArray([.. certificate.Chain.Select(c => (JsonNode?)c.Subject)]),
            ["presented"] = new JsonArray([.. certificate.Presented.Select(c => (JsonNode?)c.Subject)]),
            ["chain_status"] = new JsonArray([.. certificate.ChainStatus.Select(s => (JsonNode?)s.Status.ToString())]),
            ["sha256"] = leaf.Sha256,
        };
    }

    private static string? ProtocolLabel(SslProtocols? protocol) => protocol switch
    {
        null => null,
        SslProtocols.Tls13 => "TLSv1.3",
        SslProtocols.Tls12 => "TLSv1.2",
        (SslProtocols)768 => "TLSv1.1",
        (SslProtocols)192 => "TLSv1.0",
        _ => protocol.ToString(),
    };
}
