using System.Text.Json.Nodes;
using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Scoring;
using static ComplianceLayer.Tests.Domain.Scoring.ScoringTestData;

namespace ComplianceLayer.Tests.Domain.Scoring;

public sealed class ScoreCardTests
{
    [Fact]
    public void ScoreModule_NoIssues_IsHundredGradeA()
    {
        var score = ScoreCard.ScoreModule([]);
        Assert.Equal((100, Grade.A), (score.Score, score.Grade));
        Assert.Empty(score.CappedBy);
    }

    [Theory]
    [InlineData(Severity.Critical, 60, Grade.C)]
    [InlineData(Severity.High, 80, Grade.B)]
    [InlineData(Severity.Medium, 90, Grade.A)]
    [InlineData(Severity.Low, 95, Grade.A)]
    [InlineData(Severity.Info, 100, Grade.A)]
    public void ScoreModule_OneIssueOfSeverity_SubtractsItsPenalty(Severity severity, int expected, Grade grade)
    {
        var score = ScoreCard.ScoreModule([Issue(ModuleKeys.Headers, "headers.csp.missing", severity)]);
        Assert.Equal((expected, grade), (score.Score, score.Grade));
    }

    [Fact]
    public void ScoreModule_PenaltiesAboveHundred_FloorAtZero()
    {
        var issues = Enumerable.Range(1, 4).Select(p => Issue(ModuleKeys.Ports, "ports.exposed.database", Severity.Critical, subject: p.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var score = ScoreCard.ScoreModule(issues);
        Assert.Equal(0, score.Score);
        Assert.Equal(160, score.Penalty);
    }

    [Fact]
    public void ScoreModule_ManyInfoIssues_NeverChangeScore()
    {
        var issues = Enumerable.Range(1, 50).Select(i => Issue(ModuleKeys.DnsEmail, "dns_email.dkim.not_confirmed", Severity.Info, subject: $"s{i}"));
        Assert.Equal(100, ScoreCard.ScoreModule(issues).Score);
    }

    [Fact]
    public void ScoreModule_ExpiredCertificateAlone_CapsSslAtF()
    {
        // Low severity on purpose: the cap, not the penalty, must make this an F.
        var score = ScoreCard.ScoreModule([Issue(ModuleKeys.Ssl, "ssl.cert.expired", Severity.Low)]);
        Assert.Equal((34, Grade.F), (score.Score, score.Grade));
        Assert.Equal(["ssl.cert.expired"], score.CappedBy);
    }

    [Fact]
    public void ScoreModule_Tls10Enabled_CapsBelowA()
    {
        var score = ScoreCard.ScoreModule([Issue(ModuleKeys.Ssl, "ssl.protocol.tls10_enabled", Severity.Medium)]);
        Assert.Equal((89, Grade.B), (score.Score, score.Grade));
    }

    [Fact]
    public void ScoreModule_NoHttps_CapsAtZero() =>
        Assert.Equal(0, ScoreCard.ScoreModule([Issue(ModuleKeys.Ssl, "ssl.no_https", Severity.Critical)]).Score);

    [Fact]
    public void ScoreModule_TwoCaps_LowestWinsAndIsListedFirst()
    {
        var score = ScoreCard.ScoreModule(
        [
            Issue(ModuleKeys.Ssl, "ssl.protocol.tls10_enabled", Severity.Low),
            Issue(ModuleKeys.Ssl, "ssl.cert.hostname_mismatch", Severity.Low),
        ]);
        Assert.Equal(34, score.Score);
        Assert.Equal(["ssl.cert.hostname_mismatch", "ssl.protocol.tls10_enabled"], score.CappedBy);
    }

    [Fact]
    public void ScoreModule_CapAboveUncappedScore_IsNotListed()
    {
        var score = ScoreCard.ScoreModule(
        [
            Issue(ModuleKeys.Ssl, "ssl.protocol.tls10_enabled", Severity.High),
            Issue(ModuleKeys.Ssl, "ssl.cipher.weak", Severity.Critical),
        ]);
        Assert.Equal(40, score.Score);
        Assert.Empty(score.CappedBy);
    }

    [Fact]
    public void ScoreModule_SameFingerprintTwice_CountedOnceAtWorstSeverity()
    {
        var score = ScoreCard.ScoreModule(
        [
            Issue(ModuleKeys.Cookies, "cookies.missing_secure", Severity.Low, subject: "sid"),
            Issue(ModuleKeys.Cookies, "cookies.missing_secure", Severity.High, subject: "sid"),
            Issue(ModuleKeys.Cookies, "cookies.missing_secure", Severity.Low, subject: "prefs"),
        ]);
        Assert.Equal(100 - 20 - 5, score.Score);
    }

    [Fact]
    public void Build_AllWeightedModulesClean_ScoresHundredGradeALowRisk()
    {
        var report = BuildReport(PerfectExcept());
        Assert.Equal((100, Grade.A, RiskLevel.Low), (report.Score, report.Grade, report.RiskLevel));
        Assert.Equal(ScoringPolicy.Version, report.AlgorithmVersion);
    }

    [Fact]
    public void Build_WeightedAverage_RoundsHalfAwayFromZero()
    {
        // ssl capped at 89 (weight 25) and headers 100 (weight 25): 94.5 rounds to 95 (banker's rounding would give 94).
        var report = BuildReport(
        [
            ModuleOutcome.Completed(ModuleKeys.Ssl, [Issue(ModuleKeys.Ssl, "ssl.protocol.tls11_enabled", Severity.Low)]),
            ModuleOutcome.Completed(ModuleKeys.Headers, []),
        ]);
        Assert.Equal(89, report.Modules[ModuleKeys.Ssl].Score);
        Assert.Equal(95, report.Score);
    }

    [Fact]
    public void Build_WeightedAverage_UsesSeedWeights()
    {
        // ssl 0 (no HTTPS), all else 100: 80 × 100 / 105 = 76.19 → 76.
        var report = BuildReport(PerfectExcept(
            ModuleOutcome.Completed(ModuleKeys.Ssl, [Issue(ModuleKeys.Ssl, "ssl.no_https", Severity.Critical)])));
        Assert.Equal((76, Grade.B, RiskLevel.LowMedium), (report.Score, report.Grade, report.RiskLevel));
    }

    [Fact]
    public void Build_ModuleErrored_RenormalisesOverCompletedAndCaveatNamesIt()
    {
        var report = BuildReport(PerfectExcept(
            ModuleOutcome.Errored(ModuleKeys.Ssl, "TLS handshake timed out"),
            ModuleOutcome.Completed(ModuleKeys.Headers, [Issue(ModuleKeys.Headers, "headers.hsts.missing", Severity.Critical)])));

        // (60 × 25 + 100 × 55) / 80 = 87.5 → 88; counting ssl as 0 would give 67, as 100 would give 90.
        Assert.Equal(88, report.Score);
        var ssl = report.Modules[ModuleKeys.Ssl];
        Assert.Equal(ModuleStatus.Error, ssl.Status);
        Assert.Null(ssl.Score);
        Assert.Equal("TLS handshake timed out", ssl.Error);
        Assert.Contains(report.Caveats, c => c.Contains("(ssl)", StringComparison.Ordinal) && c.Contains("TLS handshake timed out", StringComparison.Ordinal));
        Assert.Contains(report.Caveats, c => c.Contains("76%", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_ModuleNotTested_CaveatGivesReason()
    {
        var report = BuildReport(PerfectExcept(ModuleOutcome.NotTested(ModuleKeys.Cookies, "Home page set no cookies")));
        Assert.Equal(ModuleStatus.NotTested, report.Modules[ModuleKeys.Cookies].Status);
        Assert.Equal("Home page set no cookies", report.Modules[ModuleKeys.Cookies].Reason);
        Assert.Contains(report.Caveats, c => c.Contains("(cookies) was not tested: Home page set no cookies", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_WeightedModuleMissing_ReportedAsNotTested()
    {
        var report = BuildReport([ModuleOutcome.Completed(ModuleKeys.Ssl, [])]);
        Assert.Equal(8, report.Modules.Count);
        Assert.Equal(ModuleStatus.NotTested, report.Modules[ModuleKeys.Ports].Status);
        Assert.Equal(ScoreCard.NotRunReason, report.Modules[ModuleKeys.Ports].Reason);
        Assert.Contains(report.Caveats, c => c.Contains("24%", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_NoWeightedModuleCompleted_IsUnscorable()
    {
        var outcomes = ScoringPolicy.Modules.Where(m => m.IsWeighted).Select(m => ModuleOutcome.Errored(m.Key, "resolver unreachable")).ToList();
        outcomes.Add(ModuleOutcome.Completed(ModuleKeys.Whois, []));

        var result = Build(outcomes);

        Assert.False(result.IsScored);
        Assert.Null(result.Report);
        Assert.Contains("ssl (error: resolver unreachable)", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NoOutcomesAtAll_IsUnscorable() => Assert.False(Build([]).IsScored);

    [Fact]
    public void Build_TierThreeIssues_DoNotChangeScore()
    {
        var baseline = BuildReport(PerfectExcept(
            ModuleOutcome.Completed(ModuleKeys.Headers, [Issue(ModuleKeys.Headers, "headers.csp.missing", Severity.High)])));
        var withTierThree = BuildReport(PerfectExcept(
            ModuleOutcome.Completed(ModuleKeys.Headers, [Issue(ModuleKeys.Headers, "headers.csp.missing", Severity.High)]),
            ModuleOutcome.Completed(ModuleKeys.Blacklists, [Issue(ModuleKeys.Blacklists, "blacklists.listed", Severity.Critical, subject: "zen.spamhaus.org")])));

        Assert.Equal(baseline.Score, withTierThree.Score);
        var blacklists = withTierThree.Modules[ModuleKeys.Blacklists];
        Assert.Equal(0m, blacklists.Weight);
        Assert.Equal(60, blacklists.Score);
        Assert.Contains(withTierThree.Issues, i => i.Module == ModuleKeys.Blacklists);
    }

    [Fact]
    public void Build_Issues_SortedBySeverityThenModuleWeightThenCode()
    {
        var report = BuildReport(PerfectExcept(
            ModuleOutcome.Completed(ModuleKeys.Cookies, [Issue(ModuleKeys.Cookies, "cookies.missing_secure", Severity.High, subject: "sid")]),
            ModuleOutcome.Completed(ModuleKeys.DnsEmail,
            [
                Issue(ModuleKeys.DnsEmail, "dns_email.spf.softfail", Severity.Low),
                Issue(ModuleKeys.DnsEmail, "dns_email.dmarc.missing", Severity.High),
                Issue(ModuleKeys.DnsEmail, "dns_email.caa.missing", Severity.High),
            ]),
            ModuleOutcome.Completed(ModuleKeys.Ports, [Issue(ModuleKeys.Ports, "ports.exposed.rdp", Severity.Critical, subject: "3389")])));

        Assert.Equal(
            ["ports.exposed.rdp:3389", "dns_email.caa.missing", "dns_email.dmarc.missing", "cookies.missing_secure:sid", "dns_email.spf.softfail"],
            report.Issues.Select(i => i.Fingerprint));
        Assert.Equal(["dns_email.caa.missing", "dns_email.dmarc.missing", "dns_email.spf.softfail"], report.Modules[ModuleKeys.DnsEmail].Issues.Select(i => i.Code));
    }

    [Fact]
    public void Build_SharedRemediation_RecommendedOnceAtItsWorstSeverity()
    {
        const string cookieFix = "Set Secure, HttpOnly and SameSite on every cookie";
        var report = BuildReport(PerfectExcept(
            ModuleOutcome.Completed(ModuleKeys.Cookies,
            [
                Issue(ModuleKeys.Cookies, "cookies.missing_samesite", Severity.Low, cookieFix, "prefs"),
                Issue(ModuleKeys.Cookies, "cookies.missing_secure", Severity.Critical, cookieFix, "sid"),
            ]),
            ModuleOutcome.Completed(ModuleKeys.Headers, [Issue(ModuleKeys.Headers, "headers.hsts.missing", Severity.High, "Enable HSTS")])));

        Assert.Equal([cookieFix, "Enable HSTS"], report.Recommendations);
    }

    [Fact]
    public void Build_Recommendations_StopAtTenMostSevere()
    {
        var issues = Enumerable.Range(0, 12)
            .Select(i => Issue(ModuleKeys.Ports, "ports.exposed.service", i == 11 ? Severity.High : Severity.Medium, $"Close port {1000 + i}", (1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var report = BuildReport(PerfectExcept(ModuleOutcome.Completed(ModuleKeys.Ports, issues)));

        Assert.Equal(ScoringPolicy.MaxRecommendations, report.Recommendations.Count);
        Assert.Equal("Close port 1011", report.Recommendations[0]);
        Assert.Equal("Close port 1000", report.Recommendations[1]);
    }

    [Fact]
    public void Build_Recommendations_SkipInfoIssues()
    {
        var report = BuildReport(PerfectExcept(ModuleOutcome.Completed(ModuleKeys.Ports,
        [
            Issue(ModuleKeys.Ports, "ports.exposed.ftp", Severity.High, "Close FTP", "21"),
            Issue(ModuleKeys.Ports, "ports.ssh.key_auth", Severity.Info, "Nothing to do", "22"),
        ])));

        Assert.Equal(["Close FTP"], report.Recommendations);
        Assert.Equal(2, report.Issues.Count);
    }

    [Fact]
    public void Build_DnsEmailAndPortsCompleted_AddSeedCaveats()
    {
        var report = BuildReport(PerfectExcept());
        Assert.Equal(
            [StandardCaveats.ExternalOnly, StandardCaveats.DkimSelectors, StandardCaveats.PortScan, StandardCaveats.ComplianceEvidence],
            report.Caveats);
        Assert.DoesNotContain(report.Caveats, c => c.Contains("Shodan", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Build_DnsEmailErrored_NoDkimCaveat()
    {
        var report = BuildReport(PerfectExcept(ModuleOutcome.Errored(ModuleKeys.DnsEmail, "SERVFAIL")));
        Assert.DoesNotContain(StandardCaveats.DkimSelectors, report.Caveats);
        Assert.Contains(StandardCaveats.ExternalOnly, report.Caveats);
    }

    [Fact]
    public void Build_DuplicateModuleOutcome_Throws() =>
        Assert.Throws<ArgumentException>(() => Build([ModuleOutcome.Completed(ModuleKeys.Ssl, []), ModuleOutcome.Errored(ModuleKeys.Ssl, "x")]));

    [Fact]
    public void Build_ReportIdWithoutPrefix_Throws() =>
        Assert.Throws<ArgumentException>(() => ScoreCard.Build("example.com", "abc123", ScannedAt, PerfectExcept()));

    [Fact]
    public void Build_Details_AreCopiedNotShared()
    {
        var details = new JsonObject { ["protocols"] = new JsonArray("TLSv1.3") };
        var report = BuildReport(PerfectExcept(ModuleOutcome.Completed(ModuleKeys.Ssl, [], details)));
        details["protocols"] = new JsonArray("TLSv1.0");
        Assert.Equal("TLSv1.3", report.Modules[ModuleKeys.Ssl].Details["protocols"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Completed_IssueOfAnotherModule_Throws() =>
        Assert.Throws<ArgumentException>(() => ModuleOutcome.Completed(ModuleKeys.Ssl, [Issue(ModuleKeys.Headers, "headers.csp.missing", Severity.High)]));
}
