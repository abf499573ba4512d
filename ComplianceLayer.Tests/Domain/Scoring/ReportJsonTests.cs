using System.Text.Json;
using System.Text.Json.Nodes;
using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Reports;
using ComplianceLayer.Domain.Scoring;
using static ComplianceLayer.Tests.Domain.Scoring.ScoringTestData;

namespace ComplianceLayer.Tests.Domain.Scoring;

public sealed class ReportJsonTests
{
    private static ScanReport SampleReport() => BuildReport(PerfectExcept(
        ModuleOutcome.Completed(
            ModuleKeys.Ssl,
            [new Issue(ModuleKeys.Ssl, "ssl.protocol.tls10_enabled", Severity.High, "TLS 1.0 is accepted",
                "Disable TLS 1.0 and 1.1; keep TLS 1.2 and 1.3.", "ServerHello version 0x0301 to a TLS 1.0-only ClientHello",
                detail: "TLS 1.0 lacks modern AEAD suites.")],
            new JsonObject { ["protocols"] = new JsonArray("TLSv1.0", "TLSv1.2", "TLSv1.3"), ["certificate"] = new JsonObject { ["trusted"] = true, ["key"] = "RSA-2048" } }),
        ModuleOutcome.Completed(ModuleKeys.DnsEmail, [Issue(ModuleKeys.DnsEmail, "dns_email.dmarc.missing", Severity.Critical, "Add _dmarc TXT record")]),
        ModuleOutcome.Completed(ModuleKeys.Ports, [Issue(ModuleKeys.Ports, "ports.exposed.rdp", Severity.Critical, "Close RDP", "3389")]),
        ModuleOutcome.Errored(ModuleKeys.Waf, "Timed out after 20 s"),
        ModuleOutcome.NotTested(ModuleKeys.Cookies, "Home page set no cookies"))) with
    {
        ScannedAt = new DateTimeOffset(2026, 3, 7, 14, 0, 0, TimeSpan.FromHours(2)),
    };

    private static JsonElement Parse(ScanReport report) => JsonDocument.Parse(ReportJson.Serialize(report)).RootElement.Clone();

    [Fact]
    public void Serialize_Report_HasSeedTopLevelPropertiesInOrder()
    {
        var names = Parse(SampleReport()).EnumerateObject().Select(p => p.Name);
        Assert.Equal(
            ["domain", "score", "grade", "risk_level", "report_id", "scanned_at", "algorithm_version", "modules", "issues", "caveats", "compliance", "recommendations"],
            names);
    }

    [Fact]
    public void Serialize_ScoreGradeRiskLevel_AsSeedValues()
    {
        var root = Parse(SampleReport());
        Assert.Equal("example.com", root.GetProperty("domain").GetString());
        // ssl 80 (high; tls10 cap 89 not binding), dns_email 60, ports 60, waf/cookies excluded, rest 100:
        // (80×25 + 100×25 + 60×20 + 60×15 + 100×5 + 100×3) / 93 = 7400 / 93 = 79.57 → 80.
        Assert.Equal(80, root.GetProperty("score").GetInt32());
        Assert.Equal("B", root.GetProperty("grade").GetString());
        Assert.Equal("low_medium", root.GetProperty("risk_level").GetString());
        Assert.Equal(1, root.GetProperty("algorithm_version").GetInt32());
        Assert.StartsWith("cl_rpt_", root.GetProperty("report_id").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_ScannedAt_IsUtcWithZ()
    {
        var report = SampleReport() with { ScannedAt = new DateTimeOffset(2026, 3, 7, 14, 0, 0, TimeSpan.FromHours(2)) };
        Assert.Equal("2026-03-07T12:00:00Z", Parse(report).GetProperty("scanned_at").GetString());
    }

    [Fact]
    public void Build_ScannedAtWithFraction_TruncatedToWholeUtcSecond()
    {
        var result = ScoreCard.Build("example.com", ReportId, new DateTimeOffset(2026, 3, 7, 13, 0, 0, 999, TimeSpan.FromHours(1)), PerfectExcept());
        Assert.Equal(new DateTimeOffset(2026, 3, 7, 12, 0, 0, TimeSpan.Zero), result.Report!.ScannedAt);
        Assert.Equal(TimeSpan.Zero, result.Report.ScannedAt.Offset);
    }

    [Fact]
    public void Serialize_Modules_HaveScoreGradeDecimalWeightStatusDetailsIssues()
    {
        var modules = Parse(SampleReport()).GetProperty("modules");
        var ssl = modules.GetProperty("ssl");
        Assert.Equal(["score", "grade", "weight", "status", "details", "issues"], ssl.EnumerateObject().Select(p => p.Name));
        Assert.Equal(80, ssl.GetProperty("score").GetInt32());
        Assert.Equal("B", ssl.GetProperty("grade").GetString());
        Assert.Equal(0.25m, ssl.GetProperty("weight").GetDecimal());
        Assert.Equal("0.25", ssl.GetProperty("weight").GetRawText());
        Assert.Equal("completed", ssl.GetProperty("status").GetString());
        Assert.Equal("RSA-2048", ssl.GetProperty("details").GetProperty("certificate").GetProperty("key").GetString());
        Assert.Equal(0.20m, modules.GetProperty("dns_email").GetProperty("weight").GetDecimal());
        Assert.Equal(0.03m, modules.GetProperty("js_audit").GetProperty("weight").GetDecimal());
    }

    [Fact]
    public void Serialize_ErroredAndNotTestedModules_HaveTextAndNoScoreGradeOrNull()
    {
        var modules = Parse(SampleReport()).GetProperty("modules");
        var waf = modules.GetProperty("waf");
        Assert.Equal("error", waf.GetProperty("status").GetString());
        Assert.Equal("Timed out after 20 s", waf.GetProperty("error").GetString());
        Assert.False(waf.TryGetProperty("score", out _));
        Assert.False(waf.TryGetProperty("grade", out _));
        Assert.False(waf.TryGetProperty("reason", out _));
        var cookies = modules.GetProperty("cookies");
        Assert.Equal("not_tested", cookies.GetProperty("status").GetString());
        Assert.Equal("Home page set no cookies", cookies.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Object, cookies.GetProperty("details").ValueKind);
        Assert.Equal(0, cookies.GetProperty("issues").GetArrayLength());
    }

    [Fact]
    public void Serialize_CappedModule_ListsCappingCodes()
    {
        var report = BuildReport(PerfectExcept(ModuleOutcome.Completed(ModuleKeys.Ssl, [Issue(ModuleKeys.Ssl, "ssl.cert.expired", Severity.Critical)])));
        var ssl = Parse(report).GetProperty("modules").GetProperty("ssl");
        Assert.Equal(34, ssl.GetProperty("score").GetInt32());
        Assert.Equal("F", ssl.GetProperty("grade").GetString());
        Assert.Equal(["ssl.cert.expired"], ssl.GetProperty("capped_by").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Serialize_Issue_HasExactPropertyNamesAndLowerCaseSeverity()
    {
        var issues = Parse(SampleReport()).GetProperty("issues");
        Assert.Equal("dns_email.dmarc.missing", issues[0].GetProperty("code").GetString());
        var rdp = issues[1];
        Assert.Equal(["code", "fingerprint", "severity", "finding", "detail", "remediation", "evidence", "module"], rdp.EnumerateObject().Select(p => p.Name));
        Assert.Equal("ports.exposed.rdp:3389", rdp.GetProperty("fingerprint").GetString());
        Assert.Equal("critical", rdp.GetProperty("severity").GetString());
        var tls = issues.EnumerateArray().Single(i => i.GetProperty("code").GetString() == "ssl.protocol.tls10_enabled");
        Assert.Equal("high", tls.GetProperty("severity").GetString());
        Assert.Equal("TLS 1.0 is accepted", tls.GetProperty("finding").GetString());
        Assert.Equal("ssl", tls.GetProperty("module").GetString());
        Assert.Equal("ServerHello version 0x0301 to a TLS 1.0-only ClientHello", tls.GetProperty("evidence").GetString());
    }

    [Fact]
    public void Serialize_Compliance_HasFiveFrameworkArraysWithTheFailedControls()
    {
        var compliance = Parse(SampleReport()).GetProperty("compliance");
        Assert.Equal(["soc2", "iso27001", "nist", "pcidss", "hipaa"], compliance.EnumerateObject().Select(p => p.Name));
        Assert.All(compliance.EnumerateObject(), p => Assert.NotEqual(0, p.Value.GetArrayLength()));
        var pci = compliance.GetProperty("pcidss").EnumerateArray().Single(e => e.GetProperty("control").GetString() == "4.2.1");
        Assert.Equal("fail", pci.GetProperty("status").GetString());
        Assert.Equal("ssl.protocol.tls10_enabled", pci.GetProperty("findings")[0].GetString());
    }

    [Fact]
    public void Serialize_ComplianceEntry_HasControlTitleStatusStrengthFindings()
    {
        var entry = new ComplianceEntry { Control = "CC6.7", Title = "Encrypts data in transit", Status = ControlStatus.Fail, Strength = MappingStrength.Direct, Findings = ["ssl.protocol.tls10_enabled"] };
        var report = SampleReport() with { Compliance = ComplianceSection.Empty with { Soc2 = [entry] } };
        var soc2 = Parse(report).GetProperty("compliance").GetProperty("soc2")[0];
        Assert.Equal(["control", "title", "status", "strength", "findings"], soc2.EnumerateObject().Select(p => p.Name));
        Assert.Equal("fail", soc2.GetProperty("status").GetString());
        Assert.Equal("direct", soc2.GetProperty("strength").GetString());
    }

    [Fact]
    public void Serialize_Report_ContainsNoNulls()
    {
        var json = ReportJson.Serialize(SampleReport());
        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_SerializedReport_RoundTripsLosslessly()
    {
        var original = SampleReport() with
        {
            Compliance = ComplianceSection.Empty with
            {
                PciDss = [new ComplianceEntry { Control = "4.2.1", Title = "Strong cryptography in transit", Status = ControlStatus.Fail, Strength = MappingStrength.Direct, Findings = ["ssl.protocol.tls10_enabled"] }],
            },
        };
        var json = ReportJson.Serialize(original);

        var copy = ReportJson.Deserialize(json);

        Assert.Equal(json, ReportJson.Serialize(copy));
        Assert.Equal((original.Score, original.Grade, original.RiskLevel, original.ScannedAt), (copy.Score, copy.Grade, copy.RiskLevel, copy.ScannedAt));
        Assert.Equal(ModuleStatus.NotTested, copy.Modules[ModuleKeys.Cookies].Status);
        Assert.Equal(Grade.B, copy.Modules[ModuleKeys.Ssl].Grade);
        Assert.Equal(0.25m, copy.Modules[ModuleKeys.Ssl].Weight);
        Assert.Equal(Severity.Critical, copy.Issues[0].Severity);
        Assert.Equal(MappingStrength.Direct, copy.Compliance.PciDss[0].Strength);
        Assert.Equal(original.Modules.Keys, copy.Modules.Keys);
    }

    [Theory]
    [InlineData("\"grade\":\"B\"", "\"grade\":1")]
    [InlineData("\"risk_level\":\"low_medium\"", "\"risk_level\":\"extreme\"")]
    [InlineData("\"scanned_at\":\"2026-03-07T12:00:00Z\"", "\"scanned_at\":\"yesterday\"")]
    [InlineData("\"domain\":\"example.com\",", "")]
    public void Deserialize_NonConformingJson_Throws(string find, string replace)
    {
        var json = ReportJson.Serialize(SampleReport());
        Assert.Contains(find, json, StringComparison.Ordinal);
        Assert.Throws<JsonException>(() => ReportJson.Deserialize(json.Replace(find, replace, StringComparison.Ordinal)));
    }

    [Fact]
    public void ValueOf_Enums_MatchTheirJsonText()
    {
        Assert.Equal("A", ReportJson.ValueOf(Grade.A));
        Assert.Equal("low_medium", ReportJson.ValueOf(RiskLevel.LowMedium));
        Assert.Equal("critical", ReportJson.ValueOf(RiskLevel.Critical));
        Assert.Equal("info", ReportJson.ValueOf(Severity.Info));
        Assert.Equal("not_tested", ReportJson.ValueOf(ModuleStatus.NotTested));
    }
}
