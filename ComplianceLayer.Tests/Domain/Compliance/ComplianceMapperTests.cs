using System.Text.Json;
using ComplianceLayer.Domain.Compliance;
using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Reports;
using ComplianceLayer.Domain.Scoring;
using static ComplianceLayer.Tests.Domain.Scoring.ScoringTestData;

namespace ComplianceLayer.Tests.Domain.Compliance;

public sealed class ComplianceMapperTests
{
    private const string Tls10 = "ssl.protocol.tls10_enabled";

    private static readonly ComplianceMapper s_mapper = ComplianceMapper.Default;

    public static TheoryData<string, string> Tls10Controls => new()
    {
        { ComplianceFrameworks.PciDss, "4.2.1" },
        { ComplianceFrameworks.Soc2, "CC6.7" },
        { ComplianceFrameworks.Hipaa, "164.312(e)(1)" },
        { ComplianceFrameworks.Nist, "SC-8(1)" },
        { ComplianceFrameworks.Iso27001, "A.8.24" },
    };

    [Theory]
    [MemberData(nameof(Tls10Controls))]
    public void Map_Tls10Accepted_FailsTransitControlsDirectlyWithTheCode(string framework, string control)
    {
        var section = s_mapper.Map(PerfectExcept(Ssl(Issue(ModuleKeys.Ssl, Tls10, Severity.High))));

        var entry = Entry(section, framework, control);
        Assert.Equal(ControlStatus.Fail, entry.Status);
        Assert.Equal(MappingStrength.Direct, entry.Strength);
        Assert.Equal([Tls10], entry.Findings);
    }

    [Theory]
    [MemberData(nameof(Tls10Controls))]
    public void Map_CleanSslCompleted_PassesTransitControls(string framework, string control)
    {
        var section = s_mapper.Map([ModuleOutcome.Completed(ModuleKeys.Ssl, [])]);

        var entry = Entry(section, framework, control);
        Assert.Equal(ControlStatus.Pass, entry.Status);
        Assert.Equal(MappingStrength.Direct, entry.Strength);
        Assert.Empty(entry.Findings);
    }

    [Theory]
    [MemberData(nameof(Tls10Controls))]
    public void Map_SslErroredAlone_TransitControlsNotAssessed(string framework, string control)
    {
        var section = s_mapper.Map([ModuleOutcome.Errored(ModuleKeys.Ssl, "TLS handshake timed out")]);

        var entry = Entry(section, framework, control);
        Assert.Equal(ControlStatus.NotAssessed, entry.Status);
        Assert.Empty(entry.Findings);
    }

    [Fact]
    public void Map_SslNotTestedOthersClean_SslOnlyControlsNotAssessedSharedControlsPassOnWhatWasAssessed()
    {
        var section = s_mapper.Map(PerfectExcept(ModuleOutcome.NotTested(ModuleKeys.Ssl, "No address")));

        Assert.Equal(ControlStatus.NotAssessed, Entry(section, ComplianceFrameworks.PciDss, "4.2.1").Status);
        Assert.Equal(ControlStatus.NotAssessed, Entry(section, ComplianceFrameworks.Nist, "SC-8(1)").Status);
        // 164.312(e)(1) also draws on headers (HSTS), cookies, mail transport and ports, which completed: a pass on the
        // supporting evidence only, and so labelled supporting.
        var hipaa = Entry(section, ComplianceFrameworks.Hipaa, "164.312(e)(1)");
        Assert.Equal((ControlStatus.Pass, MappingStrength.Supporting), (hipaa.Status, hipaa.Strength));
    }

    [Fact]
    public void Map_NoOutcomes_EveryControlNotAssessed()
    {
        var section = s_mapper.Map([]);

        var all = All(section).ToArray();
        Assert.Equal(ComplianceCatalogue.Default.Frameworks.Sum(f => f.Controls.Count), all.Length);
        Assert.All(all, e => Assert.Equal(ControlStatus.NotAssessed, e.Status));
    }

    [Fact]
    public void Map_InfoIssue_DoesNotFailAControl()
    {
        var section = s_mapper.Map(PerfectExcept(
            Ssl(Issue(ModuleKeys.Ssl, Tls10, Severity.Info)),
            ModuleOutcome.Completed(ModuleKeys.Headers, [Issue(ModuleKeys.Headers, "headers.permissions_policy.missing", Severity.Info)])));

        Assert.Equal(ControlStatus.Pass, Entry(section, ComplianceFrameworks.PciDss, "4.2.1").Status);
        Assert.Equal(ControlStatus.Pass, Entry(section, ComplianceFrameworks.Soc2, "CC7.1").Status);
        Assert.All(All(section), e => Assert.Equal(ControlStatus.Pass, e.Status));
    }

    [Fact]
    public void Map_FailOnlyThroughSupportingMapping_ReportsSupportingStrength()
    {
        // CBC-only suites bear on CC6.7 only as supporting evidence; CC6.7's direct mappings (TLS 1.0, no HTTPS) did not fail.
        var section = s_mapper.Map(PerfectExcept(Ssl(Issue(ModuleKeys.Ssl, "ssl.cipher.cbc_only", Severity.Medium))));

        var entry = Entry(section, ComplianceFrameworks.Soc2, "CC6.7");
        Assert.Equal((ControlStatus.Fail, MappingStrength.Supporting), (entry.Status, entry.Strength));
        Assert.Equal(["ssl.cipher.cbc_only"], entry.Findings);
        Assert.Equal(ControlStatus.Pass, Entry(section, ComplianceFrameworks.PciDss, "4.2.1").Status);
    }

    [Fact]
    public void Map_DirectAndSupportingBothFail_ReportsDirectAndEveryCodeOnce()
    {
        var section = s_mapper.Map(PerfectExcept(ModuleOutcome.Completed(ModuleKeys.Ports,
        [
            Issue(ModuleKeys.Ports, "ports.exposed.rdp", Severity.Critical, subject: "3389"),
            Issue(ModuleKeys.Ports, "ports.exposed.rdp", Severity.Critical, subject: "3390"),
            Issue(ModuleKeys.Ports, "ports.exposed.imap", Severity.Low, subject: "143"),
        ])));

        var entry = Entry(section, ComplianceFrameworks.PciDss, "1.2.5");
        Assert.Equal((ControlStatus.Fail, MappingStrength.Direct), (entry.Status, entry.Strength));
        Assert.Equal(["ports.exposed.imap", "ports.exposed.rdp"], entry.Findings);
    }

    [Fact]
    public void Map_OnlyLowRiskPortExposed_FailsAsSupporting()
    {
        var section = s_mapper.Map(PerfectExcept(ModuleOutcome.Completed(ModuleKeys.Ports,
            [Issue(ModuleKeys.Ports, "ports.exposed.imap", Severity.Low, subject: "143")])));

        var entry = Entry(section, ComplianceFrameworks.Nist, "CM-7");
        Assert.Equal((ControlStatus.Fail, MappingStrength.Supporting), (entry.Status, entry.Strength));
        Assert.Equal(ControlStatus.Pass, Entry(section, ComplianceFrameworks.PciDss, "1.4.4").Status);
    }

    [Fact]
    public void Map_UnmappedCode_FailsNothing()
    {
        var section = s_mapper.Map(PerfectExcept(Ssl(Issue(ModuleKeys.Ssl, "ssl.protocol.tls13_not_supported", Severity.Low))));
        Assert.All(All(section), e => Assert.Equal(ControlStatus.Pass, e.Status));
    }

    [Fact]
    public void Map_EveryFramework_ControlsInNaturalOrder()
    {
        var section = s_mapper.Map(PerfectExcept());

        Assert.Equal(["CC6.1", "CC6.6", "CC6.7", "CC7.1", "CC8.1"], section.Soc2.Select(e => e.Control));
        foreach (var entries in new[] { section.Soc2, section.Iso27001, section.Nist, section.PciDss, section.Hipaa })
        {
            var ids = entries.Select(e => e.Control).ToArray();
            Assert.Equal(ids.Order(ControlIdComparer.Instance), ids);
        }
        var iso = section.Iso27001.Select(e => e.Control).ToList();
        Assert.True(iso.IndexOf("A.5.14") < iso.IndexOf("A.8.8") && iso.IndexOf("A.8.8") < iso.IndexOf("A.8.24"));
        var pci = section.PciDss.Select(e => e.Control).ToList();
        Assert.True(pci.IndexOf("1.2.5") < pci.IndexOf("4.2.1") && pci.IndexOf("4.2.1") < pci.IndexOf("6.4.3"));
        var nist = section.Nist.Select(e => e.Control).ToList();
        Assert.True(nist.IndexOf("SC-8") < nist.IndexOf("SC-8(1)") && nist.IndexOf("SC-8(1)") < nist.IndexOf("SC-13"));
    }

    [Fact]
    public void Build_Report_ComplianceFilledAndCaveated()
    {
        var report = BuildReport(PerfectExcept(Ssl(Issue(ModuleKeys.Ssl, Tls10, Severity.High))));

        var pci = Assert.Single(report.Compliance.PciDss, e => e.Control == "4.2.1");
        Assert.Equal(ControlStatus.Fail, pci.Status);
        Assert.Contains(StandardCaveats.ComplianceEvidence, report.Caveats);
    }

    [Fact]
    public void Serialize_ComplianceSection_SnakeCaseWithNotAssessed()
    {
        var report = BuildReport(PerfectExcept(ModuleOutcome.Errored(ModuleKeys.Ssl, "TLS handshake timed out")));

        var compliance = JsonDocument.Parse(ReportJson.Serialize(report)).RootElement.GetProperty("compliance");

        Assert.Equal(["soc2", "iso27001", "nist", "pcidss", "hipaa"], compliance.EnumerateObject().Select(p => p.Name));
        var pci = compliance.GetProperty("pcidss").EnumerateArray().Single(e => e.GetProperty("control").GetString() == "4.2.1");
        Assert.Equal(["control", "title", "status", "strength", "findings"], pci.EnumerateObject().Select(p => p.Name));
        Assert.Equal("not_assessed", pci.GetProperty("status").GetString());
        Assert.Equal("direct", pci.GetProperty("strength").GetString());
        Assert.Equal(0, pci.GetProperty("findings").GetArrayLength());
        var statuses = compliance.EnumerateObject().SelectMany(p => p.Value.EnumerateArray()).Select(e => e.GetProperty("status").GetString()).ToHashSet();
        Assert.Subset(new HashSet<string?> { "pass", "fail", "not_assessed" }, statuses);
        Assert.Equal(report.Compliance, ReportJson.Deserialize(ReportJson.Serialize(report)).Compliance, new SectionComparer());
    }

    private static ModuleOutcome Ssl(params Issue[] issues) => ModuleOutcome.Completed(ModuleKeys.Ssl, issues);

    private static IEnumerable<ComplianceEntry> All(ComplianceSection section) =>
        section.Soc2.Concat(section.Iso27001).Concat(section.Nist).Concat(section.PciDss).Concat(section.Hipaa);

    private static ComplianceEntry Entry(ComplianceSection section, string framework, string control)
    {
        var entries = framework switch
        {
            ComplianceFrameworks.Soc2 => section.Soc2,
            ComplianceFrameworks.Iso27001 => section.Iso27001,
            ComplianceFrameworks.Nist => section.Nist,
            ComplianceFrameworks.PciDss => section.PciDss,
            ComplianceFrameworks.Hipaa => section.Hipaa,
            _ => throw new ArgumentOutOfRangeException(nameof(framework), framework, null),
        };
        return Assert.Single(entries, e => e.Control == control);
    }

    private sealed class SectionComparer : IEqualityComparer<ComplianceSection>
    {
        public bool Equals(ComplianceSection? x, ComplianceSection? y) =>
            x is not null && y is not null && All(x).Select(Key).SequenceEqual(All(y).Select(Key));

        public int GetHashCode(ComplianceSection obj) => 0;

        private static string Key(ComplianceEntry e) => $"{e.Control}|{e.Title}|{e.Status}|{e.Strength}|{string.Join(",", e.Findings)}";
    }
}
