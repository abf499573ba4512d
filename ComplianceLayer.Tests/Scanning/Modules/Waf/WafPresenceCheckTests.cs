using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Scanning.Modules.Waf;
using ComplianceLayer.Scanning.Modules.Waf.Checks;
using static ComplianceLayer.Tests.Scanning.Modules.Waf.WafFactsBuilder;

namespace ComplianceLayer.Tests.Scanning.Modules.Waf;

public sealed class WafPresenceCheckTests
{
    [Fact]
    public void Run_NothingDetected_LowFindingWithHonestDetail()
    {
        var facts = Facts(Response(), Response(200));

        var issue = WafPresenceCheck.Run(facts, WafDetectionCheck.Run(facts));

        Assert.NotNull(issue);
        Assert.Equal(WafCodes.NotDetected, issue.Fingerprint);
        Assert.Equal(Severity.Low, issue.Severity);
        Assert.Contains("heuristic", issue.Detail, StringComparison.Ordinal);
        Assert.Contains("without identifying itself", issue.Detail, StringComparison.Ordinal);
        Assert.Contains("https://shop.example.com/ answered 200", issue.Evidence, StringComparison.Ordinal);
        Assert.Contains("test request with a malicious-looking query answered 200", issue.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_CdnOnly_LowFindingNamingTheCdn()
    {
        var facts = Facts(Response(headers: [("X-Served-By", "cache-fra-1"), ("X-Timer", "S1.2,VS0")]));

        var issue = WafPresenceCheck.Run(facts, WafDetectionCheck.Run(facts));

        Assert.NotNull(issue);
        Assert.Contains("served through Fastly", issue.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DetectionConfidence.High)]
    [InlineData(DetectionConfidence.Medium)]
    [InlineData(DetectionConfidence.Low)]
    public void Run_WafAtAnyConfidence_NoFinding(DetectionConfidence confidence)
    {
        var products = new[] { new DetectedProduct("X", "Y", ProductKind.Waf, confidence, ["e"]) };

        Assert.Null(WafPresenceCheck.Run(Facts(Response()), products));
    }

    [Fact]
    public void Run_ProbeBlockedWithoutSignature_NoFinding()
    {
        var facts = Facts(Response(), Response(406, body: "Not Acceptable"));

        Assert.Null(WafPresenceCheck.Run(facts, WafDetectionCheck.Run(facts)));
    }

    [Fact]
    public void Run_ProbeFailed_FindingSaysSo()
    {
        var facts = Facts(Response(), probeError: "connection reset");

        var issue = WafPresenceCheck.Run(facts, WafDetectionCheck.Run(facts));

        Assert.NotNull(issue);
        Assert.Contains("failed (connection reset)", issue.Evidence, StringComparison.Ordinal);
    }
}
