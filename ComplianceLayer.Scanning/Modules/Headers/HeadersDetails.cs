using System.Text.Json.Nodes;
using ComplianceLayer.Scanning.Modules.Headers.Checks;

namespace ComplianceLayer.Scanning.Modules.Headers;

/// <summary>The module's <c>details</c>: what was fetched and parsed. Set-Cookie is left out (values may be secrets).</summary>
public static class HeadersDetails
{
    private static readonly string[] SecurityHeaders =
    [
        "Strict-Transport-Security", "Content-Security-Policy", "Content-Security-Policy-Report-Only", "X-Frame-Options",
        "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy", "Feature-Policy", "Cross-Origin-Opener-Policy",
        "Cross-Origin-Embedder-Policy", "Cross-Origin-Resource-Policy", "Access-Control-Allow-Origin",
        "Access-Control-Allow-Credentials", "X-XSS-Protection", "Server", "X-Powered-By", "X-AspNet-Version", "X-AspNetMvc-Version",
    ];

    public static JsonObject Build(HeadersFacts facts, IReadOnlyList<CheckResult> results)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(results);
        var details = new JsonObject
        {
            ["source"] = facts.Source == HeaderSource.Https ? "https" : "http",
            ["requested_url"] = facts.RequestedUrl.ToString(),
            ["final_url"] = facts.FinalUrl.ToString(),
            ["status"] = facts.StatusCode,
            ["redirect_chain"] = new JsonArray([.. facts.Chain.Select(s => (JsonNode)new JsonObject { ["url"] = s.Url.ToString(), ["status"] = s.StatusCode })]),
            ["headers"] = Headers(facts),
            ["hsts"] = Hsts(facts),
            ["csp"] = Csp(facts),
            ["referrer_policy"] = ReferrerPolicyCheck.Effective(facts)?.Policy,
            ["cors"] = new JsonArray([.. facts.CorsProbes.Select(Probe)]),
            ["checks"] = Checks(results),
        };
        if (facts.HttpsError is not null)
        {
            details["https_error"] = facts.HttpsError;
        }

        return details;
    }

    private static JsonObject Headers(HeadersFacts facts)
    {
        var headers = new JsonObject();
        foreach (var name in SecurityHeaders)
        {
            var values = facts.Headers.GetValues(name);
            if (values.Count > 0)
            {
                headers[name.ToLowerInvariant()] = new JsonArray([.. values.Select(v => (JsonNode)v)]);
            }
        }

        return headers;
    }

    private static JsonObject Hsts(HeadersFacts facts)
    {
        if (facts.Source == HeaderSource.Http || !facts.FinalIsHttps)
        {
            return new JsonObject { ["status"] = "not_applicable", ["reason"] = "the final page is not served over HTTPS" };
        }

        var raw = facts.Headers.GetFirst("Strict-Transport-Security");
        if (raw is null)
        {
            return new JsonObject { ["status"] = "missing" };
        }

        var hsts = HstsHeader.Parse(raw);
        var node = new JsonObject
        {
            ["status"] = hsts.IsValid ? "present" : "invalid",
            ["header"] = raw,
            ["max_age"] = hsts.MaxAge,
            ["include_subdomains"] = hsts.IncludeSubDomains,
            ["preload"] = hsts.Preload,
        };
        if (hsts.Error is not null)
        {
            node["error"] = hsts.Error;
        }

        if (facts.CertificateValid == false)
        {
            node["note"] = "browsers ignore HSTS from a host whose certificate does not validate";
        }

        return node;
    }

    private static JsonObject Csp(HeadersFacts facts) => new()
    {
        ["policies"] = new JsonArray([.. CspCheck.EnforcedPolicies(facts).Select(p => (JsonNode)new JsonObject
        {
            ["source"] = p.Origin == CspOrigin.Meta ? "meta" : "header",
            ["directives"] = new JsonObject(p.Directives.Select(d =>
                KeyValuePair.Create(d.Key, (JsonNode?)new JsonArray([.. d.Value.Select(v => (JsonNode)v)])))),
        })]),
        ["report_only"] = new JsonArray([.. facts.Headers.GetValues("Content-Security-Policy-Report-Only").Select(v => (JsonNode)v)]),
    };

    private static JsonNode Probe(CorsProbeResult probe)
    {
        var node = new JsonObject
        {
            ["method"] = probe.Method,
            ["origin"] = probe.Origin,
            ["status"] = probe.StatusCode,
            ["allow_origin"] = new JsonArray([.. probe.AllowOrigin.Select(v => (JsonNode)v)]),
            ["allow_credentials"] = probe.AllowCredentials,
        };
        if (probe.Error is not null)
        {
            node["error"] = probe.Error;
        }

        return node;
    }

    private static JsonObject Checks(IReadOnlyList<CheckResult> results)
    {
        var checks = new JsonObject();
        foreach (var result in results)
        {
            var node = new JsonObject { ["status"] = result.Status switch
            {
                CheckStatus.Pass => "pass",
                CheckStatus.Fail => "fail",
                CheckStatus.NotApplicable => "not_applicable",
                _ => "not_tested",
            } };
            if (result.Reason is not null)
            {
                node["reason"] = result.Reason;
            }

            checks[result.Check] = node;
        }

        return checks;
    }
}
