using System.Text;
using ComplianceLayer.Domain.Scoring;
using ComplianceLayer.Scanning.Modules.DnsEmail;
using ComplianceLayer.Tests.Scanning.Net;
using static ComplianceLayer.Scanning.Modules.DnsEmail.DnsEmailCodes;

namespace ComplianceLayer.Tests.Scanning.Modules.DnsEmail;

[Trait("Category", "Integration")]
public sealed class DnsEmailModuleTests
{
    private const string Domain = "shop.example.com";
    private const ushort TypeCaa = 257;
    private const ushort TypeCname = 5;

    [Fact]
    public async Task RunAsync_WellConfiguredZoneWithStartTls_OnlyExpectedInfo()
    {
        using var dns = BaseZone();
        var certificate = TestCertificates.Leaf(["mx1.shop.example.com"]);
        var policyCertificate = TestCertificates.Leaf(["mta-sts.shop.example.com"]);
        await using var smtp = new LoopbackSmtpServer(SmtpServerMode.StartTls, certificate);
        await using var https = new LoopbackHttpServer(_ => TestHttpResponse.Text("version: STSv1\nmode: enforce\nmx: mx1.shop.example.com\nmax_age: 604800\n"), certificate: policyCertificate);
        var ca = TestCertificates.WriteCaPem();
        try
        {
            var outcome = await RunAsync(dns, o => { o.SmtpPort = smtp.Port; o.HttpsPort = https.Port; o.ExtraTrustedRootsPath = ca; });
            Assert.Equal(ModuleStatus.Completed, outcome.Status);
            Assert.Empty(outcome.Issues);
            Assert.Equal("offered", outcome.Details["mx"]!["hosts"]![0]!["starttls"]!["status"]!.GetValue<string>());
            Assert.True(outcome.Details["mx"]!["hosts"]![0]!["starttls"]!["tls"]!["hostname_match"]!.GetValue<bool>());
            Assert.Equal("confirmed", outcome.Details["dkim"]!["status"]!.GetValue<string>());
            Assert.Equal("enforce", outcome.Details["mta_sts"]!["policy"]!["mode"]!.GetValue<string>());
            Assert.Equal("letsencrypt.org", outcome.Details["caa"]!["issuers"]![0]!.GetValue<string>());
        }
        finally
        {
            File.Delete(ca);
        }
    }

    [Fact]
    public async Task RunAsync_SecondScanOfSameMxHost_UsesCache()
    {
        using var dns = BaseZone();
        await using var smtp = new LoopbackSmtpServer(SmtpServerMode.NoStartTls);
        var first = await RunAsync(dns, o => o.SmtpPort = smtp.Port);
        var second = await RunAsync(dns, o => o.SmtpPort = smtp.Port);
        Assert.Contains(first.Issues, i => i.Fingerprint == SmtpStartTlsMissing + ":mx1.shop.example.com");
        Assert.Contains(second.Issues, i => i.Code == SmtpStartTlsMissing);
        Assert.Equal(1, smtp.Connections);
        Assert.True(second.Details["mx"]!["hosts"]![0]!["starttls"]!["cached"]!.GetValue<bool>());
    }

    [Fact]
    public async Task RunAsync_StartTlsWithWrongHostCertificate_CertificateInvalid()
    {
        using var dns = BaseZone();
        await using var smtp = new LoopbackSmtpServer(SmtpServerMode.StartTls, TestCertificates.Leaf(["other.example.net"]));
        var ca = TestCertificates.WriteCaPem();
        try
        {
            var outcome = await RunAsync(dns, o => { o.SmtpPort = smtp.Port; o.ExtraTrustedRootsPath = ca; });
            Assert.Contains(outcome.Issues, i => i.Code == SmtpCertificateInvalid);
            Assert.DoesNotContain(outcome.Issues, i => i.Code == SmtpStartTlsMissing);
        }
        finally
        {
            File.Delete(ca);
        }
    }

    [Theory]
    [InlineData(SmtpServerMode.Greeting421)]
    [InlineData(SmtpServerMode.Silent)]
    public async Task RunAsync_UnfriendlySmtpServer_NotTestedNoFinding(SmtpServerMode mode)
    {
        using var dns = BaseZone();
        await using var smtp = new LoopbackSmtpServer(mode);
        var outcome = await RunAsync(dns, o => { o.SmtpPort = smtp.Port; o.RequestTimeout = TimeSpan.FromSeconds(1); });
        Assert.DoesNotContain(outcome.Issues, i => i.Code.StartsWith("dns_email.smtp.", StringComparison.Ordinal));
        Assert.Equal("not_tested", outcome.Details["checks"]!["smtp_starttls"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task RunAsync_ClosedSmtpPort_NotTested()
    {
        using var dns = BaseZone();
        var outcome = await RunAsync(dns, o => o.SmtpPort = Loopback.ClosedPort());
        Assert.DoesNotContain(outcome.Issues, i => i.Code.StartsWith("dns_email.smtp.", StringComparison.Ordinal));
        Assert.Contains("port 25 is often blocked", outcome.Details["checks"]!["smtp_starttls"]!["note"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NestedIncludesOverTenLookups_TooManyLookups()
    {
        using var dns = BaseZone(spf: "v=spf1 include:_spf1.shop.example.com include:_spf2.shop.example.com -all");
        dns.AddTxt("_spf1.shop.example.com", "v=spf1 a mx include:_spf3.shop.example.com ~all")
            .AddTxt("_spf2.shop.example.com", "v=spf1 a:a1.shop.example.com a:a2.shop.example.com a:a3.shop.example.com ~all")
            .AddTxt("_spf3.shop.example.com", "v=spf1 a:a4.shop.example.com a:a5.shop.example.com a:a6.shop.example.com ~all");
        foreach (var i in Enumerable.Range(1, 6))
        {
            dns.AddA($"a{i}.shop.example.com", "127.0.0.9");
        }

        var outcome = await RunAsync(dns, o => o.SmtpPort = Loopback.ClosedPort());
        Assert.Contains(outcome.Issues, i => i.Code == SpfTooManyLookups);
        Assert.Equal(11, outcome.Details["spf"]!["lookup_count"]!.GetValue<int>());
        Assert.DoesNotContain(outcome.Issues, i => i.Code is SpfVoidLookups or SpfIncludeLoop);
    }

    [Fact]
    public async Task RunAsync_IncludeLoop_LoopReportedAndFinite()
    {
        using var dns = BaseZone(spf: "v=spf1 include:_a.shop.example.com -all");
        dns.AddTxt("_a.shop.example.com", "v=spf1 include:_b.shop.example.com ~all")
            .AddTxt("_b.shop.example.com", "v=spf1 include:_a.shop.example.com ~all");
        var outcome = await RunAsync(dns, o => o.SmtpPort = Loopback.ClosedPort());
        Assert.Contains(outcome.Issues, i => i.Code == SpfIncludeLoop);
        Assert.DoesNotContain(outcome.Issues, i => i.Code == SpfTooManyLookups);
    }

    [Fact]
    public async Task RunAsync_VoidLookupsAndMissingIncludeAndPtr_Reported()
    {
        using var dns = BaseZone(spf: "v=spf1 a:gone1.shop.example.com a:gone2.shop.example.com exists:gone3.shop.example.com include:noinclude.shop.example.com ptr -all");
        var outcome = await RunAsync(dns, o => o.SmtpPort = Loopback.ClosedPort());
        var codes = outcome.Issues.Select(i => i.Code).ToList();
        Assert.Contains(SpfVoidLookups, codes);
        Assert.Contains(SpfIncludeInvalid, codes);
        Assert.Contains(SpfPtrUsed, codes);
        Assert.Equal(4, outcome.Details["spf"]!["void_lookups"]!.AsArray().Count);
    }

    [Fact]
    public async Task RunAsync_TwoSpfRecords_Multiple()
    {
        using var dns = BaseZone();
        dns.AddTxt(Domain, "v=spf1 ~all");
        var outcome = await RunAsync(dns, o => o.SmtpPort = Loopback.ClosedPort());
        Assert.Contains(outcome.Issues, i => i.Code == SpfMultiple);
    }

    [Fact]
    public async Task RunAsync_SubdomainWithoutDmarc_UsesOrganizationalDomainRecord()
    {
        using var dns = BaseZone(domain: "mail.shop.example.com", dmarc: null);
        dns.AddTxt("_dmarc.example.com", "v=DMARC1; p=reject; sp=none; rua=mailto:d@example.com");
        var outcome = await RunAsync(dns, o => o.SmtpPort = Loopback.ClosedPort(), "mail.shop.example.com");
        Assert.Equal("_dmarc.example.com", outcome.Details["dmarc"]!["found_at"]!.GetValue<string>());
        Assert.Equal("organizational_domain", outcome.Details["dmarc"]!["applies_via"]!.GetValue<string>());
        Assert.Contains(outcome.Issues, i => i.Code == DmarcPolicyNone);
        Assert.DoesNotContain(outcome.Issues, i => i.Code == DmarcMissing);
    }

    [Fact]
    public async Task RunAsync_NoDmarcAnywhere_Missing()
    {
        using var dns = BaseZone(dmarc: null);
        var outcome = await RunAsync(dns, o => o.SmtpPort = Loopback.ClosedPort());
        Assert.Contains(outcome.Issues, i => i.Code == DmarcMissing);
    }

    [Fact]
    public async Task RunAsync_DmarcServFail_NotTestedNotMissing()
    {
        using var dns = BaseZone(dmarc: null);
        dns.ServFail("_dmarc." + Domain);
        var outcome = await RunAsync(dns, o => o.SmtpPort = Loopback.ClosedPort());
        Assert.DoesNotContain(outcome.Issues, i => i.Code.StartsWith("dns_email.dmarc.", StringComparison.Ordinal));
        Assert.Equal("not_tested", outcome.Details["checks"]!["dmarc"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task RunAsync_DomainKeyNxDomain_Absent()
    {
        using var dns = BaseZone(dkim: false);
        var outcome = await RunAsync(dns, o => o.SmtpPort = Loopback.ClosedPort());
        Assert.Contains(outcome.Issues, i => i.Code == DkimAbsent);
        Assert.Equal("absent", outcome.Details["dkim"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task RunAsync_DomainKeyEmptyNonTerminal_NotConfirmedWithSelectorsTried()
    {
        using var dns = BaseZone(dkim: false);
        dns.AddName("_domainkey." + Domain);
        var outcome = await RunAsync(dns, o => o.SmtpPort = Loopback.ClosedPort());
        var issue = Assert.Single(outcome.Issues, i => i.Code == DkimNotConfirmed);
        Assert.Contains("selector1", issue.Evidence, StringComparison.Ordinal);
        Assert.DoesNotContain(outcome.Issues, i => i.Code == DkimAbsent);
    }

    [Fact]
    public async Task RunAsync_NullMxWithLockDown_NoMailChecksAndDkimSkipped()
    {
        using var dns = new LoopbackDnsServer();
        // Null MX RDATA by hand: preference 0 and the root name (a single zero byte).
        dns.AddA(Domain, "127.0.0.1").AddRecord(Domain, 15, [0, 0, 0]).AddTxt(Domain, "v=spf1 -all")
            .AddTxt("_dmarc." + Domain, "v=DMARC1; p=reject; rua=mailto:d@example.com").AddRecord(Domain, TypeCaa, Caa("issue", "letsencrypt.org"));
        var outcome = await RunAsync(dns, o => o.SmtpPort = Loopback.ClosedPort());
        Assert.True(outcome.Issues.Select(i => i.Code).SequenceEqual([MxNull]), outcome.Details.ToJsonString());
        Assert.Equal("not_tested", outcome.Details["dkim"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task RunAsync_CaaAtParentWithBadIodef_FoundAtParentAndSyntaxError()
    {
        using var dns = BaseZone(caa: false);
        dns.AddRecord("example.com", TypeCaa, Caa("issue", "letsencrypt.org")).AddRecord("example.com", TypeCaa, Caa("iodef", "security@example.com"));
        var outcome = await RunAsync(dns, o => o.SmtpPort = Loopback.ClosedPort());
        Assert.Equal("example.com", outcome.Details["caa"]!["found_at"]!.GetValue<string>());
        Assert.Contains(outcome.Issues, i => i.Code == CaaSyntaxError);
        Assert.DoesNotContain(outcome.Issues, i => i.Code == CaaMissing);
    }

    [Fact]
    public async Task RunAsync_NoCaaAnywhere_Missing()
    {
        using var dns = BaseZone(caa: false);
        var outcome = await RunAsync(dns, o => o.SmtpPort = Loopback.ClosedPort());
        Assert.Contains(outcome.Issues, i => i.Code == CaaMissing);
    }

    [Fact]
    public async Task RunAsync_MxIsCname_Reported()
    {
        using var dns = BaseZone();
        dns.AddRecord("mx1.shop.example.com", TypeCname, LoopbackDnsServer.EncodeName("real-mx.shop.example.com"));
        var outcome = await RunAsync(dns, o => o.SmtpPort = Loopback.ClosedPort());
        Assert.Contains(outcome.Issues, i => i.Fingerprint == MxCname + ":mx1.shop.example.com");
    }

    [Fact]
    public async Task RunAsync_MtaStsPolicyMissingMxAndTlsRptMissing_Reported()
    {
        using var dns = BaseZone(tlsRpt: false);
        await using var https = new LoopbackHttpServer(_ => TestHttpResponse.Text("version: STSv1\nmode: enforce\nmx: mx.elsewhere.example.net\nmax_age: 604800\n"),
            certificate: TestCertificates.Leaf(["mta-sts.shop.example.com"]));
        var ca = TestCertificates.WriteCaPem();
        try
        {
            var outcome = await RunAsync(dns, o => { o.SmtpPort = Loopback.ClosedPort(); o.HttpsPort = https.Port; o.ExtraTrustedRootsPath = ca; });
            Assert.Contains(outcome.Issues, i => i.Code == MtaStsMxMismatch);
            Assert.Contains(outcome.Issues, i => i.Code == TlsRptMissing);
            Assert.Equal("/.well-known/mta-sts.txt", Assert.Single(https.Requests).Path);
        }
        finally
        {
            File.Delete(ca);
        }
    }

    [Fact]
    public async Task RunAsync_MtaStsPolicyUntrustedCertificate_Invalid()
    {
        using var dns = BaseZone();
        await using var https = new LoopbackHttpServer(_ => TestHttpResponse.Text("version: STSv1\nmode: enforce\nmx: mx1.shop.example.com\nmax_age: 604800\n"),
            certificate: TestCertificates.Leaf(["mta-sts.shop.example.com"], selfSigned: true));
        var outcome = await RunAsync(dns, o => { o.SmtpPort = Loopback.ClosedPort(); o.HttpsPort = https.Port; });
        Assert.Contains(outcome.Issues, i => i.Code == MtaStsInvalid);
    }

    [Fact]
    public async Task Engine_DnsEmailModule_ScoresModule()
    {
        using var dns = BaseZone(dmarc: null);
        using var harness = ScanTestHarness.Create(dns, o => o.SmtpPort = Loopback.ClosedPort());
        var result = await harness.Engine(new DnsEmailModule()).RunAsync(Domain, null, null, CancellationToken.None);
        Assert.True(result.Succeeded, result.FailureReason);
        var outcome = Assert.Single(result.Outcomes, o => o.Module == ModuleKeys.DnsEmail);
        Assert.Equal(ModuleStatus.Completed, outcome.Status);
        Assert.Contains(outcome.Issues, i => i.Code == DmarcMissing);
    }

    private static async Task<ModuleOutcome> RunAsync(LoopbackDnsServer dns, Action<ComplianceLayer.Scanning.ScanningOptions> configure, string domain = Domain)
    {
        using var harness = ScanTestHarness.Create(dns, configure);
        var context = await harness.ContextAsync(domain);
        return await new DnsEmailModule().RunAsync(context, CancellationToken.None);
    }

    /// <summary>A zone that passes every check: SPF, DMARC, DKIM at selector1, CAA, one MX on 127.0.0.1, MTA-STS, TLS-RPT.</summary>
    private static LoopbackDnsServer BaseZone(string domain = Domain, string spf = "v=spf1 ip4:127.0.0.1 -all", string? dmarc = "v=DMARC1; p=reject; rua=mailto:d@shop.example.com",
        bool dkim = true, bool caa = true, bool tlsRpt = true)
    {
        var dns = new LoopbackDnsServer();
        dns.AddA(domain, "127.0.0.1").AddA("mx1.shop.example.com", "127.0.0.1").AddMx(domain, 10, "mx1.shop.example.com").AddTxt(domain, spf)
            .AddTxt("_mta-sts." + domain, "v=STSv1; id=20250101").AddA("mta-sts." + domain, "127.0.0.1");
        if (dmarc is not null)
        {
            dns.AddTxt("_dmarc." + domain, dmarc);
        }

        if (dkim)
        {
            dns.AddTxt("selector1._domainkey." + domain, DkimTestKeys.Record(2048));
        }

        if (caa)
        {
            dns.AddRecord(domain, TypeCaa, Caa("issue", "letsencrypt.org"));
        }

        if (tlsRpt)
        {
            dns.AddTxt("_smtp._tls." + domain, "v=TLSRPTv1; rua=mailto:tls@shop.example.com");
        }

        return dns;
    }

    /// <summary>CAA RDATA (RFC 8659 §4.1): flags, tag length, tag, value.</summary>
    private static byte[] Caa(string tag, string value, byte flags = 0) =>
        [flags, (byte)tag.Length, .. Encoding.ASCII.GetBytes(tag), .. Encoding.ASCII.GetBytes(value)];
}
