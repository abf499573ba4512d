using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Scanning.Modules.JsAudit;
using ComplianceLayer.Scanning.Modules.JsAudit.Checks;

namespace ComplianceLayer.Tests.Scanning.Modules.JsAudit;

public sealed class VulnerableLibraryCheckTests
{
    private static readonly Uri Page = new("https://shop.example.com/");

    private static readonly RetireRepository Repo = RetireRepository.Parse("""
        { "lib": { "vulnerabilities": [
            { "below": "2.0.0", "severity": "medium", "identifiers": { "CVE": ["CVE-2000-0001"], "summary": "medium with CVE" } },
            { "atOrAbove": "1.5.0", "below": "2.0.0", "severity": "high", "identifiers": { "CVE": ["CVE-2000-0002"], "summary": "high with CVE" } },
            { "below": "3.0.0", "severity": "high", "identifiers": { "summary": "high without CVE", "githubID": "GHSA-xxxx" } },
            { "below": "3.0.0", "severity": "low", "identifiers": { "CVE": ["CVE-2000-0003"], "summary": "low with CVE" } } ],
          "extractors": {} } }
        """);

    private static JsAuditFacts Facts(params DetectedLibrary[] libraries) => new(Page, libraries, libraries.Length, 0, [], []);

    [Fact]
    public void Run_VersionInHighRange_ReportsHighWithCves()
    {
        var issue = Assert.Single(VulnerableLibraryCheck.Run(Facts(new DetectedLibrary("lib", "1.6.0", new Uri(Page, "/lib-1.6.0.js"), DetectionSources.Uri)), Repo));
        Assert.Equal(JsAuditCodes.Vulnerable, issue.Code);
        Assert.Equal(Severity.High, issue.Severity);
        Assert.Equal("js_audit.vulnerable:lib@1.6.0", issue.Fingerprint);
        Assert.Contains("CVE-2000-0001", issue.Detail, StringComparison.Ordinal);
        Assert.Contains("CVE-2000-0002", issue.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("CVE-2000-0003", issue.Detail, StringComparison.Ordinal);
        Assert.Contains("https://shop.example.com/lib-1.6.0.js (version from the script URL)", issue.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_VersionBelowHighRange_ReportsMedium()
        => Assert.Equal(Severity.Medium, Assert.Single(VulnerableLibraryCheck.Run(Facts(new DetectedLibrary("lib", "1.4.0", Page, DetectionSources.Banner)), Repo)).Severity);

    [Fact]
    public void Run_OnlyUncountedEntriesApply_ReportsNothingButAssessmentListsThem()
    {
        var facts = Facts(new DetectedLibrary("lib", "2.5.0", Page, DetectionSources.Banner));
        Assert.Empty(VulnerableLibraryCheck.Run(facts, Repo));
        var assessment = Assert.Single(VulnerableLibraryCheck.Assess(facts, Repo));
        Assert.Equal(2, assessment.Vulnerabilities.Count);
        Assert.All(assessment.Vulnerabilities, v => Assert.False(v.Counted));
    }

    [Fact]
    public void Run_SameVersionOnTwoScripts_ReportsOneFindingWithBothUrls()
    {
        var issue = Assert.Single(VulnerableLibraryCheck.Run(Facts(
            new DetectedLibrary("lib", "1.0.0", new Uri(Page, "/a.js"), DetectionSources.FileContent),
            new DetectedLibrary("lib", "1.0.0", new Uri(Page, "/b.js"), DetectionSources.FileContent)), Repo));
        Assert.Contains("/a.js", issue.Evidence, StringComparison.Ordinal);
        Assert.Contains("/b.js", issue.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_UnknownLibrary_ReportsNothing()
        => Assert.Empty(VulnerableLibraryCheck.Run(Facts(new DetectedLibrary("other", "1.0.0", Page, DetectionSources.Uri)), Repo));
}
