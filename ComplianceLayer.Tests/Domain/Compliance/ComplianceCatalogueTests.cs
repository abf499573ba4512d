using System.Reflection;
using System.Text.RegularExpressions;
using ComplianceLayer.Domain.Compliance;
using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Reports;
using ComplianceLayer.Domain.Scoring;
using ComplianceLayer.Scanning;

namespace ComplianceLayer.Tests.Domain.Compliance;

public sealed class ComplianceCatalogueTests
{
    private const string Minimal = """
        {
          "version": 1,
          "frameworks": [
            { "key": "pcidss", "name": "PCI DSS v4.0.1", "controls": [ { "id": "4.2.1", "title": "Strong crypto in transit" } ] }
          ],
          "mappings": [
            { "codes": ["ssl.protocol.*"], "framework": "pcidss", "control": "4.2.1", "strength": "direct", "module": "ssl" }
          ],
          "unmapped": [ { "code": "ssl.cert.expiring_soon", "reason": "Still valid" } ],
          "excluded": [ { "framework": "pcidss", "control": "11.3.2", "reason": "ASV scans only" } ]
        }
        """;

    // Written independently of ComplianceFrameworks so that a loosened production regex does not pass by itself.
    private static readonly Dictionary<string, Regex> s_idFormats = new()
    {
        [ComplianceFrameworks.Soc2] = new(@"^(CC[1-9]\.[1-9]|A1\.[1-3]|C1\.[12]|PI1\.[1-5]|P[1-8]\.[1-9])$"),
        [ComplianceFrameworks.Iso27001] = new(@"^A\.(5\.([1-9]|[1-2][0-9]|3[0-7])|6\.[1-8]|7\.([1-9]|1[0-4])|8\.([1-9]|[1-2][0-9]|3[0-4]))$"),
        [ComplianceFrameworks.Nist] = new(@"^((GV|ID|PR|DE|RS|RC)\.[A-Z]{2}-(0[1-9]|1[0-9])|(AC|AT|AU|CA|CM|CP|IA|IR|MA|MP|PE|PL|PM|PS|PT|RA|SA|SC|SI|SR)-[1-9][0-9]?(\([1-9][0-9]?\))?)$"),
        [ComplianceFrameworks.PciDss] = new(@"^([1-9]|1[0-2])\.[1-9][0-9]?\.[1-9][0-9]?(\.[1-9])?$"),
        [ComplianceFrameworks.Hipaa] = new(@"^164\.3(08|10|12|14|16)\([a-e]\)(\([1-9]\)(\((i|ii|iii|iv)\)(\([A-Z]\))?)?)?$"),
    };

    [Fact]
    public void Default_EmbeddedCatalogue_LoadsAndValidates()
    {
        var catalogue = ComplianceCatalogue.Default;

        Assert.Equal(ComplianceFrameworks.All, catalogue.Frameworks.Select(f => f.Key));
        Assert.All(catalogue.Frameworks, f => Assert.NotEmpty(f.Controls));
        Assert.True(catalogue.Mappings.Count > 100, $"only {catalogue.Mappings.Count} mappings");
        Assert.Equal("PCI DSS v4.0.1", Framework(ComplianceFrameworks.PciDss).Name);
        Assert.Equal("ISO/IEC 27001:2022 Annex A", Framework(ComplianceFrameworks.Iso27001).Name);
    }

    [Fact]
    public void Default_EveryControlId_MatchesItsFrameworkFormat()
    {
        foreach (var framework in ComplianceCatalogue.Default.Frameworks)
        {
            Assert.All(framework.Controls, c => Assert.Matches(s_idFormats[framework.Key], c.Id));
        }
        Assert.All(ComplianceCatalogue.Default.Excluded, e => Assert.Matches(s_idFormats[e.Framework], e.Control));
    }

    [Fact]
    public void Default_CopyrightedFrameworkTitles_AreShortParaphrases()
    {
        // SOC 2 (AICPA), ISO/IEC 27001 and PCI DSS (PCI SSC) texts are copyrighted: our titles are a few words of our own.
        // A long title is the sign of pasted requirement text.
        string[] copyrighted = [ComplianceFrameworks.Soc2, ComplianceFrameworks.Iso27001, ComplianceFrameworks.PciDss];
        foreach (var key in copyrighted)
        {
            Assert.All(Framework(key).Controls, c => Assert.True(c.Title.Length <= 60, $"{key} {c.Id}: '{c.Title}' is {c.Title.Length} characters"));
        }
        Assert.All(ComplianceCatalogue.Default.Frameworks.SelectMany(f => f.Controls), c => Assert.False(string.IsNullOrWhiteSpace(c.Title)));
    }

    [Fact]
    public void Default_Pci1132_IsExcludedNotMapped()
    {
        // 11.3.2 needs an Approved Scanning Vendor: our scan neither satisfies nor fails it.
        Assert.DoesNotContain(Framework(ComplianceFrameworks.PciDss).Controls, c => c.Id == "11.3.2");
        Assert.DoesNotContain(ComplianceCatalogue.Default.Mappings, m => m.Framework == ComplianceFrameworks.PciDss && m.Control == "11.3.2");
        var excluded = Assert.Single(ComplianceCatalogue.Default.Excluded, e => e.Framework == ComplianceFrameworks.PciDss && e.Control == "11.3.2");
        Assert.Contains("ASV", excluded.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_PaymentPageRequirement_IsSupportingWithScopeNote()
    {
        var mappings = ComplianceCatalogue.Default.Mappings.Where(m => m.Framework == ComplianceFrameworks.PciDss && m.Control == "6.4.3").ToArray();
        Assert.NotEmpty(mappings);
        Assert.All(mappings, m =>
        {
            Assert.Equal(MappingStrength.Supporting, m.Strength);
            Assert.Contains("payment pages only", m.Notes, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Theory]
    [InlineData("ssl.protocol.tls10_enabled", ComplianceFrameworks.PciDss, "4.2.1", MappingStrength.Direct)]
    [InlineData("ssl.protocol.tls10_enabled", ComplianceFrameworks.Soc2, "CC6.7", MappingStrength.Direct)]
    [InlineData("ssl.protocol.tls10_enabled", ComplianceFrameworks.Nist, "SC-8(1)", MappingStrength.Direct)]
    [InlineData("ssl.protocol.tls10_enabled", ComplianceFrameworks.Hipaa, "164.312(e)(1)", MappingStrength.Direct)]
    [InlineData("ssl.cert.expired", ComplianceFrameworks.Nist, "SC-17", MappingStrength.Direct)]
    [InlineData("ports.exposed.rdp", ComplianceFrameworks.Nist, "CM-7", MappingStrength.Direct)]
    [InlineData("ports.exposed.rdp", ComplianceFrameworks.PciDss, "1.2.5", MappingStrength.Direct)]
    [InlineData("ports.exposed.mysql", ComplianceFrameworks.PciDss, "1.4.4", MappingStrength.Direct)]
    [InlineData("dns_email.dmarc.missing", ComplianceFrameworks.PciDss, "5.4.1", MappingStrength.Direct)]
    [InlineData("dns_email.spf.missing", ComplianceFrameworks.Nist, "SI-8", MappingStrength.Direct)]
    [InlineData("dnssec.not_signed", ComplianceFrameworks.Nist, "SC-20", MappingStrength.Direct)]
    [InlineData("js_audit.vulnerable", ComplianceFrameworks.Iso27001, "A.8.8", MappingStrength.Direct)]
    [InlineData("waf.not_detected", ComplianceFrameworks.PciDss, "6.4.2", MappingStrength.Direct)]
    [InlineData("headers.csp.missing", ComplianceFrameworks.Soc2, "CC7.1", MappingStrength.Supporting)]
    [InlineData("cookies.missing_secure", ComplianceFrameworks.Soc2, "CC6.6", MappingStrength.Supporting)]
    public void Default_ReferenceMapping_HasControlAndStrength(string code, string framework, string control, MappingStrength strength)
    {
        var mappings = ComplianceCatalogue.Default.MappingsFor(code).Where(m => m.Framework == framework && m.Control == control).ToArray();
        Assert.NotEmpty(mappings);
        Assert.Equal(strength, mappings.Any(m => m.Strength == MappingStrength.Direct) ? MappingStrength.Direct : MappingStrength.Supporting);
    }

    [Theory]
    [InlineData("ssl.protocol.tls13_not_supported", ComplianceFrameworks.PciDss, "4.2.1")]
    [InlineData("ssl.cipher.cbc_only", ComplianceFrameworks.PciDss, "4.2.1")]
    [InlineData("ports.exposed.ssh", ComplianceFrameworks.PciDss, "1.4.4")]
    [InlineData("headers.csp.missing", ComplianceFrameworks.Hipaa, "164.312(c)(1)")]
    public void Default_OverClaim_IsNotMapped(string code, string framework, string control) =>
        Assert.DoesNotContain(ComplianceCatalogue.Default.MappingsFor(code), m => m.Framework == framework && m.Control == control);

    [Fact]
    public void Default_EveryCodeDeclaredByAScanningModule_IsMappedOrListedUnmapped()
    {
        var constants = typeof(ScanningAssembly).Assembly.GetTypes()
            .Where(t => t.IsClass && t.Name.EndsWith("Codes", StringComparison.Ordinal))
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f is { IsLiteral: true, IsInitOnly: false } && f.FieldType == typeof(string))
                .Select(f => (Name: $"{t.Name}.{f.Name}", Value: (string)f.GetRawConstantValue()!)))
            .ToArray();
        // Guard against a vacuous pass if the reflection stops finding the classes.
        Assert.Contains(constants, c => c.Value == "headers.csp.missing");
        Assert.Contains(constants, c => c.Value == "cookies.missing_secure");

        var catalogue = ComplianceCatalogue.Default;
        var uncovered = constants
            .Where(c => FindingCodes.IsValid(c.Value)
                ? !catalogue.Covers(c.Value)
                // A shared prefix constant (PortsCodes.Prefix = "ports.exposed.") must be covered by the matching pattern.
                : !(c.Value.EndsWith('.') && catalogue.Mappings.Any(m => m.Codes.Any(p => p.Text == c.Value + "*"))))
            .Select(c => $"{c.Name} = \"{c.Value}\"")
            .ToArray();
        Assert.True(
            uncovered.Length == 0,
            "Map these codes in compliance-catalogue.json or list them under \"unmapped\" with a reason: " + string.Join(", ", uncovered));
    }

    [Fact]
    public void Parse_MinimalCatalogue_Loads()
    {
        var catalogue = ComplianceCatalogue.Parse(Minimal);

        var mapping = Assert.Single(catalogue.Mappings);
        Assert.Equal(("pcidss", "4.2.1", MappingStrength.Direct, "ssl"), (mapping.Framework, mapping.Control, mapping.Strength, mapping.Module));
        Assert.True(catalogue.Covers("ssl.protocol.tls10_enabled"));
        Assert.True(catalogue.Covers("ssl.cert.expiring_soon"));
        Assert.False(catalogue.Covers("ssl.cert.expired"));
    }

    [Theory]
    [InlineData("\"key\": \"pcidss\"", "\"key\": \"gdpr\"", "unknown framework 'gdpr'")]
    [InlineData("\"controls\": [ { \"id\": \"4.2.1\", \"title\": \"Strong crypto in transit\" } ]",
        "\"controls\": [ { \"id\": \"4.2.1\", \"title\": \"A\" }, { \"id\": \"4.2.1\", \"title\": \"B\" } ]", "duplicate control '4.2.1'")]
    [InlineData("\"control\": \"4.2.1\", \"strength\"", "\"control\": \"4.2.2\", \"strength\"", "control '4.2.2' is not defined in framework 'pcidss'")]
    [InlineData("[\"ssl.protocol.*\"]", "[]", "codes is empty")]
    [InlineData("[\"ssl.protocol.*\"]", "[\"ssl.protocol*\"]", "'ssl.protocol*' is not a code pattern")]
    [InlineData("[\"ssl.protocol.*\"]", "[\"ssl.protocol.*\", \"ssl.protocol.*\"]", "listed twice")]
    [InlineData("\"module\": \"ssl\"", "\"module\": \"headers\"", "does not belong to module 'headers'")]
    [InlineData("\"module\": \"ssl\"", "\"module\": \"tls\"", "unknown module 'tls'")]
    [InlineData("\"strength\": \"direct\"", "\"strength\": \"strong\"", "strength 'strong' must be 'direct' or 'supporting'")]
    [InlineData("4.2.1", "4.2.x", "'4.2.x' is not a valid pcidss control id")]
    [InlineData("\"ssl.cert.expiring_soon\"", "\"ssl.protocol.tls10_enabled\"", "'ssl.protocol.tls10_enabled' is listed as unmapped but mapping")]
    [InlineData("\"reason\": \"Still valid\"", "\"reason\": \" \"", "needs a reason")]
    [InlineData("\"control\": \"11.3.2\"", "\"control\": \"4.2.1\"", "is excluded but also defined")]
    [InlineData("\"title\": \"Strong crypto in transit\" }",
        "\"title\": \"Strong crypto in transit\" }, { \"id\": \"1.2.5\", \"title\": \"Ports\" }", "'pcidss 1.2.5' is defined but no mapping uses it")]
    [InlineData("\"version\": 1,", "\"version\": 1, \"extra\": true,", "extra")]
    [InlineData("\"version\": 1,", "\"version\": 1,,", "not valid")]
    public void Parse_InvalidCatalogue_ThrowsWithClearMessage(string find, string replace, string expectedMessage)
    {
        Assert.Contains(find, Minimal, StringComparison.Ordinal);
        var json = Minimal.Replace(find, replace, StringComparison.Ordinal);

        var ex = Assert.Throws<InvalidDataException>(() => ComplianceCatalogue.Parse(json));

        Assert.StartsWith("Compliance catalogue is not valid", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expectedMessage, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralProblems_ListsEveryOne()
    {
        var json = Minimal
            .Replace("\"module\": \"ssl\"", "\"module\": \"tls\"", StringComparison.Ordinal)
            .Replace("\"reason\": \"Still valid\"", "\"reason\": \"\"", StringComparison.Ordinal);

        var ex = Assert.Throws<InvalidDataException>(() => ComplianceCatalogue.Parse(json));

        Assert.Contains("unknown module 'tls'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("needs a reason", ex.Message, StringComparison.Ordinal);
    }

    private static ComplianceFramework Framework(string key)
    {
        Assert.True(ComplianceCatalogue.Default.TryGetFramework(key, out var framework), key);
        return framework;
    }
}
