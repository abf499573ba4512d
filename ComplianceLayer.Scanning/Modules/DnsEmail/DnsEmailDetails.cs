using System.Globalization;
using System.Text.Json.Nodes;
using ComplianceLayer.Scanning.Modules.DnsEmail.Checks;

namespace ComplianceLayer.Scanning.Modules.DnsEmail;

/// <summary>The report's <c>details</c> for dns_email: the records as found and what each check concluded.</summary>
internal static class DnsEmailDetails
{
    public static JsonObject Build(DnsEmailFacts facts, IReadOnlyList<CheckResult> results)
    {
        var checks = new JsonObject();
        foreach (var result in results)
        {
            checks[result.Check] = new JsonObject
            {
                ["status"] = result.Status switch { CheckStatus.Pass => "pass", CheckStatus.Fail => "fail", _ => "not_tested" },
                ["note"] = result.Reason,
            };
        }

        return new JsonObject
        {
            ["spf"] = Spf(facts.Spf),
            ["dmarc"] = Dmarc(facts.Dmarc),
            ["dkim"] = Dkim(facts.Dkim),
            ["caa"] = Caa(facts.Caa),
            ["mx"] = Mx(facts.Mx),
            ["mta_sts"] = MtaSts(facts.MtaSts),
            ["tls_rpt"] = new JsonObject { ["lookup"] = Status(facts.TlsRpt.Status), ["records"] = Array(facts.TlsRpt.Records) },
            ["checks"] = checks,
        };
    }

    private static JsonObject Spf(SpfFacts spf)
    {
        var node = new JsonObject { ["lookup"] = Status(spf.Status), ["records"] = Array(spf.Records) };
        if (spf.Evaluation is { } e)
        {
            node["lookup_count"] = e.LookupCount;
            node["void_lookups"] = Array(e.VoidLookups);
            node["include_tree"] = Tree(e.Root);
            node["errors"] = Array([.. e.SyntaxErrors, .. e.Loops.Select(l => "loop: " + l), .. e.InvalidTargets]);
            node["incomplete"] = Array(e.Unevaluated);
        }

        return node;
    }

    private static JsonObject Tree(SpfNode node) => new()
    {
        ["domain"] = node.Domain,
        ["via"] = node.Via,
        ["record"] = node.Record,
        ["lookups"] = node.Lookups,
        ["error"] = node.Error,
        ["children"] = new JsonArray([.. node.Children.Select(c => (JsonNode)Tree(c))]),
    };

    private static JsonObject Dmarc(DmarcFacts dmarc)
    {
        var node = new JsonObject
        {
            ["lookup"] = Status(dmarc.Status),
            ["queried"] = dmarc.QueriedAt,
            ["found_at"] = dmarc.FoundAt,
            ["applies_via"] = dmarc.FoundAt is null ? null : dmarc.ViaOrganizationalDomain ? "organizational_domain" : "domain",
            ["records"] = Array(dmarc.Records),
        };
        if (dmarc.Record is { } record)
        {
            var tags = new JsonObject();
            foreach (var (name, value) in record.Tags)
            {
                tags[name] = value;
            }

            node["tags"] = tags;
            node["applied_policy"] = DmarcCheck.AppliedPolicy(dmarc) is { } p ? DmarcRecord.Name(p) : null;
            node["errors"] = Array(record.Errors);
            node["ignored_tags"] = Array(record.UnknownTags);
            node["semantics"] = "RFC 9989";
        }

        return node;
    }

    private static JsonObject Dkim(DkimFacts dkim) => new()
    {
        ["status"] = dkim.SkippedReason is not null ? "not_tested" : dkim.Keys.Count > 0 ? "confirmed"
            : dkim.DomainKeyStatus == Net.DnsLookupStatus.NxDomain ? "absent" : "not_confirmed",
        ["domainkey_lookup"] = Status(dkim.DomainKeyStatus),
        ["selectors_tried"] = Array(dkim.SelectorsTried),
        ["selectors_found"] = new JsonArray([.. dkim.Keys.Select(k => (JsonNode)new JsonObject
        {
            ["selector"] = k.Selector,
            ["key_type"] = k.Key.KeyType,
            ["key_bits"] = k.Key.KeyBits,
            ["revoked"] = k.Key.IsRevoked,
            ["errors"] = Array(k.Key.Errors),
        })]),
        ["providers"] = Array(dkim.Providers),
        ["failed_lookups"] = Array(dkim.FailedSelectors),
        ["skipped"] = dkim.SkippedReason,
        ["caveat"] = DkimCheck.Caveat,
    };

    private static JsonObject Caa(CaaFacts caa) => new()
    {
        ["lookup"] = Status(caa.Status),
        ["found_at"] = caa.FoundAt,
        ["records"] = new JsonArray([.. caa.Entries.Select(e => (JsonNode)new JsonObject
        {
            ["flags"] = e.Flags, ["tag"] = e.Tag, ["value"] = e.Value, ["error"] = e.Error,
        })]),
        ["issuers"] = Array([.. caa.Entries.Where(e => e.Tag.Equals("issue", StringComparison.OrdinalIgnoreCase)).Select(e => e.IssuerDomain ?? "")]),
        ["issuewild"] = Array([.. caa.Entries.Where(e => e.Tag.Equals("issuewild", StringComparison.OrdinalIgnoreCase)).Select(e => e.IssuerDomain ?? "")]),
        ["iodef"] = Array([.. caa.Entries.Where(e => e.Tag.Equals("iodef", StringComparison.OrdinalIgnoreCase)).Select(e => e.Value)]),
    };

    private static JsonObject Mx(MxFacts mx) => new()
    {
        ["lookup"] = Status(mx.Status),
        ["null_mx"] = mx.IsNullMx,
        ["hosts"] = new JsonArray([.. mx.Hosts.Select(h => (JsonNode)new JsonObject
        {
            ["host"] = h.Host,
            ["preference"] = h.Preference,
            ["cname"] = h.CnameTarget,
            ["ip_literal"] = h.IsIpLiteral,
            ["starttls"] = h.Smtp is null ? null : Smtp(h.Smtp),
        })]),
    };

    private static JsonObject Smtp(SmtpProbeResult probe) => new()
    {
        ["status"] = !probe.Tested ? "not_tested" : probe.StartTlsOffered == true ? "offered" : "not_offered",
        ["reason"] = probe.NotTestedReason,
        ["port"] = probe.Port,
        ["address"] = probe.Address,
        ["greeting"] = probe.Greeting,
        ["cached"] = probe.FromCache,
        ["tls"] = probe.Tls is not { } tls ? null : new JsonObject
        {
            ["protocol"] = tls.Protocol,
            ["cipher_suite"] = tls.CipherSuite,
            ["subject"] = tls.Subject,
            ["issuer"] = tls.Issuer,
            ["not_after"] = tls.NotAfter?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["sans"] = Array(tls.DnsNames),
            ["trusted"] = tls.Trusted,
            ["hostname_match"] = tls.HostnameMatches,
        },
    };

    private static JsonObject MtaSts(MtaStsFacts sts)
    {
        var node = new JsonObject { ["lookup"] = Status(sts.Status), ["records"] = Array(sts.Records) };
        if (sts.Records.Count == 1)
        {
            node["id"] = MtaStsRecord.Parse(sts.Records[0]).Id;
        }

        if (sts.Fetch is { } fetch)
        {
            node["policy_url"] = fetch.Url;
            node["http_status"] = fetch.StatusCode;
            node["fetch_error"] = fetch.Error;
            node["certificate_valid"] = fetch.CertificateValid;
            node["policy"] = fetch.Policy is not { } p ? null : new JsonObject
            {
                ["version"] = p.Version, ["mode"] = p.Mode, ["max_age"] = p.MaxAge, ["mx"] = Array(p.Mx), ["errors"] = Array(p.Errors),
            };
        }

        return node;
    }

    private static string Status(Net.DnsLookupStatus status) => status switch
    {
        Net.DnsLookupStatus.NoError => "noerror",
        Net.DnsLookupStatus.NxDomain => "nxdomain",
        Net.DnsLookupStatus.ServerFailure => "servfail",
        Net.DnsLookupStatus.Timeout => "timeout",
        Net.DnsLookupStatus.Refused => "refused",
        _ => "error",
    };

    private static JsonArray Array(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
}
