using ComplianceLayer.Scanning.Modules.JsAudit;

namespace ComplianceLayer.Tests.Scanning.Modules.JsAudit;

/// <summary>Against the shipped file, asserting what it actually says.</summary>
public sealed class RetireRepositoryTests
{
    private static RetireRepository Repo => RetireRepository.Shipped;

    [Fact]
    public void Shipped_Loads_AllLibrariesWithoutTheSampleEntry()
    {
        Assert.True(Repo.Libraries.Count >= 60);
        Assert.NotNull(Repo.Find("jquery"));
        Assert.Null(Repo.Find("retire-example"));
    }

    [Fact]
    public void Shipped_Jquery183_HasCountedCve201911358And202011022()
    {
        var hits = Repo.Find("jquery")!.Vulnerabilities.Where(v => RetireVersion.IsInRange("1.8.3", v.AtOrAbove, v.Below)).ToArray();
        var counted = hits.Where(v => v.Counted).SelectMany(v => v.Cves).ToHashSet();
        Assert.Contains("CVE-2019-11358", counted);
        Assert.Contains("CVE-2020-11022", counted);
        Assert.Contains("CVE-2012-6708", counted);
        // The file also lists entries without a CVE or of low severity for 1.8.3: those are not counted.
        Assert.Contains(hits, v => !v.Counted);
    }

    [Fact]
    public void Shipped_Jquery371_HasNoVulnerability()
        => Assert.DoesNotContain(Repo.Find("jquery")!.Vulnerabilities, v => RetireVersion.IsInRange("3.7.1", v.AtOrAbove, v.Below));

    [Fact]
    public void Shipped_Lodash41720_HasHighCve202123337()
        => Assert.Contains(Repo.Find("lodash")!.Vulnerabilities,
            v => v.Severity == "high" && v.Cves.Contains("CVE-2021-23337") && RetireVersion.IsInRange("4.17.20", v.AtOrAbove, v.Below));

    [Fact]
    public void Parse_MinimalRepository_TranslatesVersionPlaceholder()
    {
        var repo = RetireRepository.Parse("""
            { "lib": { "vulnerabilities": [ { "below": "2.0.0", "severity": "High", "identifiers": { "CVE": ["CVE-2000-0001"], "summary": "s" } } ],
                       "extractors": { "filename": ["lib-(§§version§§)(\\.min)?\\.js"], "filecontent": ["/\\*! Lib v(§§version§§)"] } } }
            """);
        var lib = Assert.Single(repo.Libraries);
        Assert.Equal("high", Assert.Single(lib.Vulnerabilities).Severity);
        Assert.Equal("1.2.3", RetireRepository.CleanVersion(lib.Filename[0].Match("lib-1.2.3.min.js").Groups[1].Value));
        Assert.DoesNotMatch(lib.Filename[0], "mylib-1.2.3.js");
    }
}
