using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Scoring;

namespace ComplianceLayer.Tests.Domain.Scoring;

public sealed class ScoringPolicyTests
{
    [Theory]
    [InlineData("ssl", 25)]
    [InlineData("headers", 25)]
    [InlineData("dns_email", 20)]
    [InlineData("ports", 15)]
    [InlineData("cookies", 8)]
    [InlineData("dnssec", 5)]
    [InlineData("waf", 4)]
    [InlineData("js_audit", 3)]
    [InlineData("subdomains", 0)]
    [InlineData("blacklists", 0)]
    [InlineData("reputation", 0)]
    [InlineData("breaches", 0)]
    [InlineData("whois", 0)]
    [InlineData("trackers", 0)]
    [InlineData("tech_stack", 0)]
    public void Module_SeedKey_HasSeedWeight(string key, int weightPercent)
    {
        var module = ScoringPolicy.Module(key);
        Assert.Equal(weightPercent, module.WeightPercent);
        Assert.Equal(weightPercent / 100m, module.Weight);
    }

    [Fact]
    public void Modules_FifteenSeedKeys_NoOthers()
    {
        Assert.Equal(15, ScoringPolicy.Modules.Count);
        Assert.Equal(15, ModuleKeys.All.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Modules_TierSums_AreTheSeedTablesRows()
    {
        // The seed's headings say 85 % + 15 %, but its tier-2 rows add up to 20: the published rows win (see ScoringPolicy.Modules).
        Assert.Equal(85, ScoringPolicy.Modules.Where(m => m.Tier == ModuleTier.Material).Sum(m => m.WeightPercent));
        Assert.Equal(20, ScoringPolicy.Modules.Where(m => m.Tier == ModuleTier.Secondary).Sum(m => m.WeightPercent));
        Assert.Equal(105, ScoringPolicy.TotalWeightPercent);
    }

    [Fact]
    public void Modules_TierThree_HaveZeroWeight() =>
        Assert.All(ScoringPolicy.Modules.Where(m => m.Tier == ModuleTier.Informational), m => Assert.False(m.IsWeighted, m.Key));

    [Theory]
    [InlineData(Severity.Critical, 40)]
    [InlineData(Severity.High, 20)]
    [InlineData(Severity.Medium, 10)]
    [InlineData(Severity.Low, 5)]
    [InlineData(Severity.Info, 0)]
    public void PenaltyFor_Severity_IsTheDocumentedTable(Severity severity, int penalty) =>
        Assert.Equal(penalty, ScoringPolicy.PenaltyFor(severity));

    [Fact]
    public void Version_FirstAlgorithm_IsOne() => Assert.Equal(1, ScoringPolicy.Version);

    [Fact]
    public void GradeCaps_EachCap_HasValidCodeOfItsOwnModuleAndAScoreInRange()
    {
        Assert.Equal(ScoringPolicy.GradeCaps.Count, ScoringPolicy.GradeCaps.Select(c => c.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.All(ScoringPolicy.GradeCaps, cap =>
        {
            Assert.True(FindingCodes.IsValid(cap.Code), cap.Code);
            Assert.StartsWith(cap.Module + ".", cap.Code, StringComparison.Ordinal);
            Assert.InRange(cap.MaxScore, 0, 99);
            Assert.False(string.IsNullOrWhiteSpace(cap.Reason));
        });
    }

    [Theory]
    [InlineData("ssl.cert.expired", Grade.F, 34)]
    [InlineData("ssl.cert.untrusted", Grade.F, 34)]
    [InlineData("ssl.cert.hostname_mismatch", Grade.F, 34)]
    [InlineData("ssl.cert.self_signed", Grade.F, 34)]
    [InlineData("ssl.protocol.ssl3_enabled", Grade.F, 34)]
    [InlineData("ssl.protocol.tls10_enabled", Grade.B, 89)]
    [InlineData("ssl.protocol.tls11_enabled", Grade.B, 89)]
    [InlineData("ssl.no_https", Grade.F, 0)]
    public void CapFor_SslCode_CapsAtDocumentedGrade(string code, Grade grade, int maxScore)
    {
        var cap = ScoringPolicy.CapFor(code, ModuleKeys.Ssl);
        Assert.NotNull(cap);
        Assert.Equal(grade, cap.MaxGrade);
        Assert.Equal(maxScore, cap.MaxScore);
    }

    [Fact]
    public void CapFor_CapCodeReportedByAnotherModule_IsNull() =>
        Assert.Null(ScoringPolicy.CapFor("ssl.cert.expired", ModuleKeys.Headers));
}
