using ComplianceLayer.Domain.Scoring;
using ComplianceLayer.Scanning.Modules.Dnssec;
using ComplianceLayer.Tests.Scanning.Net;

namespace ComplianceLayer.Tests.Scanning.Modules.Dnssec;

[Trait("Category", "Integration")]
public sealed class DnssecModuleTests
{
    private const string Zone = "shop.example.com";

    [Fact]
    public async Task RunAsync_SignedZoneWithMatchingDs_ReportsNothingAndRecordsChain()
    {
        using var dns = new LoopbackDnsServer();
        var zone = new SignedTestZone(dns, Zone, DnssecTestRecords.EcdsaP256Dnskey()).WithDs().SignedNow();

        var outcome = await RunAsync(dns);

        Assert.Equal(ModuleStatus.Completed, outcome.Status);
        Assert.Empty(outcome.Issues);
        var details = outcome.Details;
        Assert.Equal(Zone, (string?)details["zone"]);
        Assert.Equal("soa", (string?)details["zone_source"]);
        Assert.Equal("chain_ok", (string?)details["status"]);
        Assert.True((bool?)details["ds_matches"]);
        Assert.False((bool?)details["resolver_ad"]);
        Assert.False((bool?)details["signatures_verified"]);
        var key = details["dnskeys"]![0]!;
        Assert.Equal(zone.KeyTag, (int?)key["key_tag"]);
        Assert.Equal("ECDSAP256SHA256", (string?)key["algorithm_name"]);
        Assert.Equal(256, (int?)key["key_size"]);
        Assert.Equal("match", (string?)details["ds"]![0]!["match"]);
        Assert.Equal(3, details["rrsigs"]!.AsArray().Count);
        Assert.All(details["rrsigs"]!.AsArray(), r => Assert.True((bool?)r!["signatures"]![0]!["valid_now"]));
        Assert.Contains(dns.Queries, q => q.Name == Zone && q.Type == DnssecTestRecords.TypeDnskey && q.DnsSecOk);
    }

    [Fact]
    public async Task RunAsync_DnskeyWithoutDs_ReportsDsMissing()
    {
        using var dns = new LoopbackDnsServer();
        _ = new SignedTestZone(dns, Zone, DnssecTestRecords.EcdsaP256Dnskey()).SignedNow();

        var outcome = await RunAsync(dns);

        Assert.Equal([DnssecCodes.DsMissing], outcome.Issues.Select(i => i.Code));
        Assert.Equal("insecure_no_ds", (string?)outcome.Details["status"]);
    }

    [Fact]
    public async Task RunAsync_DsOfAnotherKey_ReportsNoMatchingDnskey()
    {
        using var dns = new LoopbackDnsServer();
        var otherKey = DnssecTestRecords.EcdsaP256Dnskey();
        _ = new SignedTestZone(dns, Zone, DnssecTestRecords.EcdsaP256Dnskey()).WithDs(DnssecTestRecords.DsFor(Zone, otherKey)).SignedNow();

        var outcome = await RunAsync(dns);

        Assert.Equal([DnssecCodes.DsNoMatchingDnskey], outcome.Issues.Select(i => i.Code));
        Assert.False((bool?)outcome.Details["ds_matches"]);
        Assert.Equal("no_match", (string?)outcome.Details["ds"]![0]!["match"]);
    }

    [Fact]
    public async Task RunAsync_ExpiredSignatures_ReportsRrsigExpiredPerType()
    {
        using var dns = new LoopbackDnsServer();
        var now = DateTimeOffset.UtcNow;
        _ = new SignedTestZone(dns, Zone, DnssecTestRecords.EcdsaP256Dnskey()).WithDs()
            .SignedNow(DnssecTestRecords.TypeDnskey)
            .SignedBetween(now.AddDays(-30), now.AddDays(-2), DnssecTestRecords.TypeSoa, DnssecTestRecords.TypeA);

        var outcome = await RunAsync(dns);

        Assert.Equal(["dnssec.rrsig.expired:A", "dnssec.rrsig.expired:SOA"], outcome.Issues.Select(i => i.Fingerprint).Order());
    }

    [Fact]
    public async Task RunAsync_RsaSha1Zone_ReportsWeakAlgorithm()
    {
        using var dns = new LoopbackDnsServer();
        _ = new SignedTestZone(dns, Zone, DnssecTestRecords.RsaDnskey(5, bits: 1024)).WithDs().SignedNow();

        var outcome = await RunAsync(dns);

        Assert.Equal(["dnssec.algorithm.weak:RSASHA1"], outcome.Issues.Select(i => i.Fingerprint));
        Assert.Equal(1024, (int?)outcome.Details["dnskeys"]![0]!["key_size"]);
    }

    [Fact]
    public async Task RunAsync_UnsignedSubdomainWithoutOwnSoa_ReportsNotSignedForRegistrableDomain()
    {
        using var dns = new LoopbackDnsServer();
        dns.AddA(Zone, "127.0.0.1").AddRecord("example.com", DnssecTestRecords.TypeSoa, DnssecTestRecords.Soa("example.com"));

        var outcome = await RunAsync(dns);

        var issue = Assert.Single(outcome.Issues);
        Assert.Equal(DnssecCodes.NotSigned, issue.Code);
        Assert.Equal("example.com", (string?)outcome.Details["zone"]);
        Assert.Equal("registrable_domain", (string?)outcome.Details["zone_source"]);
        Assert.Contains(dns.Queries, q => q.Name == "example.com" && q.Type == DnssecTestRecords.TypeDs);
    }

    [Fact]
    public async Task RunAsync_DnskeyLookupTimesOut_IsNotTested()
    {
        using var dns = new LoopbackDnsServer();
        dns.AddA("www.example.com", "127.0.0.1").Silent("example.com");
        using var harness = ScanTestHarness.Create(dns, o => o.DnsTimeout = TimeSpan.FromMilliseconds(200));
        var context = await harness.ContextAsync("example.com");

        var outcome = await new DnssecModule().RunAsync(context, CancellationToken.None);

        Assert.Equal(ModuleStatus.NotTested, outcome.Status);
        Assert.Empty(outcome.Issues);
        Assert.Contains("example.com", outcome.Reason, StringComparison.Ordinal);
    }

    private static async Task<ModuleOutcome> RunAsync(LoopbackDnsServer dns)
    {
        using var harness = ScanTestHarness.Create(dns);
        var context = await harness.ContextAsync(Zone);
        return await new DnssecModule().RunAsync(context, CancellationToken.None);
    }
}
