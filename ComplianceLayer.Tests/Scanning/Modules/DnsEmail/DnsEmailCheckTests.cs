using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Scanning.Modules.DnsEmail;
using ComplianceLayer.Scanning.Net;
using static ComplianceLayer.Scanning.Modules.DnsEmail.DnsEmailCodes;

namespace ComplianceLayer.Tests.Scanning.Modules.DnsEmail;

public sealed class DnsEmailCheckTests
{
    private const string Domain = "shop.example.com";
    private const DnsLookupStatus Ok = DnsLookupStatus.NoError;

    private static readonly SmtpTlsInfo GoodTls = new("Tls13", "TLS_AES_128_GCM_SHA256", "CN=mx1.shop.example.com", "CN=CA", null, ["mx1.shop.example.com"], true, true, null);

    internal static DnsEmailFacts Good() => new(
        Domain,
        Spf("v=spf1 ip4:192.0.2.1 -all"),
        Dmarc("v=DMARC1; p=reject; rua=mailto:d@shop.example.com"),
        new DkimFacts(Ok, ["selector1"], [new DkimSelectorKey("selector1", "selector1._domainkey." + Domain, DkimKeyRecord.Parse(DkimTestKeys.Record(2048)))], [], [], null),
        new CaaFacts(Ok, null, Domain, [CaaEntry.Create(0, "issue", "letsencrypt.org")]),
        new MxFacts(Ok, null, [new MxHost("mx1.shop.example.com", 10, null, false, Smtp(GoodTls))]),
        new MtaStsFacts(Ok, null, ["v=STSv1; id=1"], Policy("version: STSv1\nmode: enforce\nmx: mx1.shop.example.com\nmax_age: 604800")),
        new TlsRptFacts(Ok, null, ["v=TLSRPTv1; rua=mailto:tls@shop.example.com"]));

    [Fact]
    public void RunChecks_WellConfiguredDomain_NoIssues()
    {
        var results = DnsEmailModule.RunChecks(Good());
        Assert.Empty(results.SelectMany(r => r.Issues));
        Assert.All(results, r => Assert.Equal(CheckStatus.Pass, r.Status));
    }

    public static TheoryData<string, Severity> Mutations() => new()
    {
        { SpfMissing, Severity.Critical }, { SpfMultiple, Severity.High }, { SpfPassAll, Severity.Critical }, { SpfNeutralAll, Severity.High },
        { SpfNoAll, Severity.High }, { SpfSyntaxError, Severity.High }, { SpfSoftFailAll, Severity.Low },
        { DmarcMissing, Severity.Critical }, { DmarcMultiple, Severity.High }, { DmarcSyntaxError, Severity.High }, { DmarcPolicyNone, Severity.High },
        { DmarcPctPartial, Severity.Info }, { DmarcDeprecatedTags, Severity.Info }, { DmarcNoRua, Severity.Low }, { DmarcSpWeaker, Severity.Medium },
        { DmarcNpWeaker, Severity.Low },
        { DkimNotConfirmed, Severity.Info }, { DkimAbsent, Severity.Info }, { DkimKeyTooShort, Severity.Medium }, { DkimKeyShort, Severity.Low },
        { DkimKeyRevoked, Severity.Info }, { DkimInvalidRecord, Severity.Low },
        { CaaMissing, Severity.Low }, { CaaSyntaxError, Severity.Low },
        { MxMissing, Severity.Info }, { MxNull, Severity.Info }, { MxCname, Severity.Medium }, { MxIpLiteral, Severity.Medium },
        { SmtpStartTlsMissing, Severity.High }, { SmtpCertificateInvalid, Severity.Medium },
        { MtaStsMissing, Severity.Low }, { MtaStsInvalid, Severity.Medium }, { MtaStsNotEnforced, Severity.Info }, { MtaStsMxMismatch, Severity.Medium },
        { TlsRptMissing, Severity.Info }, { TlsRptInvalid, Severity.Low },
    };

    [Theory]
    [MemberData(nameof(Mutations))]
    public void RunChecks_Mutation_ProducesCodeWithSeverity(string code, Severity severity)
    {
        var issues = DnsEmailModule.RunChecks(Mutate(code)).SelectMany(r => r.Issues).ToList();
        var issue = Assert.Single(issues, i => i.Code == code);
        Assert.Equal(severity, issue.Severity);
        Assert.False(string.IsNullOrWhiteSpace(issue.Evidence));
    }

    [Fact]
    public void SpfCheck_SoftFailWithEnforcingDmarc_Info()
    {
        var facts = Good() with { Spf = Spf("v=spf1 ip4:192.0.2.1 ~all") };
        Assert.Equal(Severity.Info, Assert.Single(DnsEmailModule.RunChecks(facts).SelectMany(r => r.Issues)).Severity);
    }

    [Fact]
    public void SpfCheck_MissingOnNullMxDomain_RecommendsNullSpf()
    {
        var facts = Good() with { Spf = new SpfFacts(Ok, null, [], null), Mx = NullMx() };
        var issue = Assert.Single(DnsEmailModule.RunChecks(facts).SelectMany(r => r.Issues), i => i.Code == SpfMissing);
        Assert.Contains("v=spf1 -all", issue.Remediation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DnsLookupStatus.ServerFailure)]
    [InlineData(DnsLookupStatus.Timeout)]
    public void RunChecks_LookupFailures_NotTestedNeverFail(DnsLookupStatus status)
    {
        var facts = Good() with
        {
            Spf = new SpfFacts(status, "x", [], null),
            Dmarc = new DmarcFacts(status, "x", "_dmarc." + Domain, null, false, [], null),
            Caa = new CaaFacts(status, "x", null, []),
            Mx = new MxFacts(status, "x", []),
            TlsRpt = new TlsRptFacts(status, "x", []),
        };
        var results = DnsEmailModule.RunChecks(facts);
        Assert.DoesNotContain(results.SelectMany(r => r.Issues), i => i.Code is SpfMissing or DmarcMissing or CaaMissing or MxMissing);
        Assert.All(results.Where(r => r.Check is "spf" or "dmarc" or "caa" or "mx"), r => Assert.Equal(CheckStatus.NotTested, r.Status));
    }

    [Fact]
    public void StartTlsCheck_PortBlocked_NotTested()
    {
        var facts = Good() with { Mx = new MxFacts(Ok, null, [new MxHost("mx1.shop.example.com", 10, null, false, SmtpProbeResult.NotTested("mx1.shop.example.com", 25, "blocked"))]) };
        var result = Assert.Single(DnsEmailModule.RunChecks(facts), r => r.Check == "smtp_starttls");
        Assert.Equal(CheckStatus.NotTested, result.Status);
        Assert.Empty(result.Issues);
    }

    [Fact]
    public void DmarcCheck_OrganizationalFallbackWithSpNone_PolicyNone()
    {
        var facts = Good() with { Dmarc = Dmarc("v=DMARC1; p=reject; sp=none; rua=mailto:d@example.com") with { ViaOrganizationalDomain = true } };
        var codes = DnsEmailModule.RunChecks(facts).SelectMany(r => r.Issues).Select(i => i.Code).ToList();
        Assert.Contains(DmarcPolicyNone, codes);
        Assert.Contains(DmarcSpWeaker, codes);
    }

    [Fact]
    public void DmarcCheck_QuarantineInTestMode_PolicyNone()
    {
        var facts = Good() with { Dmarc = Dmarc("v=DMARC1; p=quarantine; t=y; rua=mailto:d@example.com") };
        Assert.Contains(DnsEmailModule.RunChecks(facts).SelectMany(r => r.Issues), i => i.Code == DmarcPolicyNone);
    }

    [Fact]
    public void DkimCheck_NonSendingDomain_NotTested()
    {
        var facts = Good() with { Dkim = new DkimFacts(Ok, [], [], [], [], "sends no mail") };
        Assert.Equal(CheckStatus.NotTested, Assert.Single(DnsEmailModule.RunChecks(facts), r => r.Check == "dkim").Status);
    }

    private static DnsEmailFacts Mutate(string code)
    {
        var good = Good();
        var tls = good.Mx.Hosts[0];
        return code switch
        {
            SpfMissing => good with { Spf = new SpfFacts(Ok, null, [], null) },
            SpfMultiple => good with { Spf = new SpfFacts(Ok, null, ["v=spf1 -all", "v=spf1 ~all"], null) },
            SpfPassAll => good with { Spf = Spf("v=spf1 +all") },
            SpfNeutralAll => good with { Spf = Spf("v=spf1 ip4:192.0.2.1 ?all") },
            SpfNoAll => good with { Spf = Spf("v=spf1 ip4:192.0.2.1") },
            SpfSyntaxError => good with { Spf = Spf("v=spf1 ip4:192.0.2.1/40 -all") },
            SpfSoftFailAll => good with { Spf = Spf("v=spf1 ~all"), Dmarc = Dmarc("v=DMARC1; p=none; rua=mailto:d@example.com") },
            DmarcMissing => good with { Dmarc = new DmarcFacts(DnsLookupStatus.NxDomain, null, "_dmarc." + Domain, null, false, [], null) },
            DmarcMultiple => good with { Dmarc = new DmarcFacts(Ok, null, "_dmarc." + Domain, "_dmarc." + Domain, false, ["v=DMARC1; p=reject", "v=DMARC1; p=none"], null) },
            DmarcSyntaxError => good with { Dmarc = Dmarc("v=DMARC1; p=reject; adkim=x; rua=mailto:d@example.com") },
            DmarcPolicyNone => good with { Dmarc = Dmarc("v=DMARC1; p=none; rua=mailto:d@example.com") },
            DmarcPctPartial => good with { Dmarc = Dmarc("v=DMARC1; p=reject; pct=50; rua=mailto:d@example.com") },
            DmarcDeprecatedTags => good with { Dmarc = Dmarc("v=DMARC1; p=reject; ri=3600; rua=mailto:d@example.com") },
            DmarcNoRua => good with { Dmarc = Dmarc("v=DMARC1; p=reject") },
            DmarcSpWeaker => good with { Dmarc = Dmarc("v=DMARC1; p=reject; sp=quarantine; rua=mailto:d@example.com") },
            DmarcNpWeaker => good with { Dmarc = Dmarc("v=DMARC1; p=reject; np=quarantine; rua=mailto:d@example.com") },
            DkimNotConfirmed => good with { Dkim = new DkimFacts(Ok, ["default", "selector1"], [], [], [], null) },
            DkimAbsent => good with { Dkim = new DkimFacts(DnsLookupStatus.NxDomain, ["default"], [], [], [], null) },
            DkimKeyTooShort => good with { Dkim = Key(DkimTestKeys.Record(512)) },
            DkimKeyShort => good with { Dkim = Key(DkimTestKeys.Record(1024)) },
            DkimKeyRevoked => good with { Dkim = Key("v=DKIM1; p=") },
            DkimInvalidRecord => good with { Dkim = Key("v=DKIM1; p=%%%") },
            CaaMissing => good with { Caa = new CaaFacts(Ok, null, null, []) },
            CaaSyntaxError => good with { Caa = new CaaFacts(Ok, null, Domain, [CaaEntry.Create(0, "issue", "bad ca")]) },
            MxMissing => good with { Mx = new MxFacts(DnsLookupStatus.NxDomain, null, []) },
            MxNull => good with { Mx = NullMx() },
            MxCname => good with { Mx = new MxFacts(Ok, null, [tls with { CnameTarget = "real.shop.example.com" }]) },
            MxIpLiteral => good with { Mx = new MxFacts(Ok, null, [tls, new MxHost("192.0.2.25", 20, null, true, null)]) },
            SmtpStartTlsMissing => good with { Mx = new MxFacts(Ok, null, [tls with { Smtp = new SmtpProbeResult(tls.Host, 25, true, null, "127.0.0.1", "220 hi", false, "250-hi | 250 SIZE", null) }]) },
            SmtpCertificateInvalid => good with { Mx = new MxFacts(Ok, null, [tls with { Smtp = Smtp(GoodTls with { HostnameMatches = false }) }]) },
            MtaStsMissing => good with { MtaSts = new MtaStsFacts(DnsLookupStatus.NxDomain, null, [], null) },
            MtaStsInvalid => good with { MtaSts = new MtaStsFacts(Ok, null, ["v=STSv1; id=1"], Policy("version: STSv1\nmode: enforce\nmax_age: 60")) },
            MtaStsNotEnforced => good with { MtaSts = new MtaStsFacts(Ok, null, ["v=STSv1; id=1"], Policy("version: STSv1\nmode: testing\nmx: *.shop.example.com\nmax_age: 60")) },
            MtaStsMxMismatch => good with { MtaSts = new MtaStsFacts(Ok, null, ["v=STSv1; id=1"], Policy("version: STSv1\nmode: enforce\nmx: mx.other.example\nmax_age: 60")) },
            TlsRptMissing => good with { TlsRpt = new TlsRptFacts(Ok, null, []) },
            TlsRptInvalid => good with { TlsRpt = new TlsRptFacts(Ok, null, ["v=TLSRPTv1; rua=nope"]) },
            _ => throw new ArgumentOutOfRangeException(nameof(code), code, null),
        };
    }

    private static SpfFacts Spf(string record) =>
        new(Ok, null, [record], new SpfEvaluation(new SpfNode(Domain, "root", record, 0, [], null), 0, [], [], [], SpfRecord.Parse(record).Errors, [], []));

    private static DmarcFacts Dmarc(string record) =>
        new(Ok, null, "_dmarc." + Domain, "_dmarc." + Domain, false, [record], DmarcRecord.Parse(record));

    private static DkimFacts Key(string record) =>
        new(Ok, ["selector1"], [new DkimSelectorKey("selector1", "selector1._domainkey." + Domain, DkimKeyRecord.Parse(record))], [], [], null);

    private static MxFacts NullMx() => new(Ok, null, [new MxHost(".", 0, null, false, null)]);

    private static SmtpProbeResult Smtp(SmtpTlsInfo tls) => new("mx1.shop.example.com", 25, true, null, "127.0.0.1", "220 hi", true, "250-hi | 250 STARTTLS", tls);

    private static MtaStsPolicyFetch Policy(string body) =>
        new("https://mta-sts.shop.example.com/.well-known/mta-sts.txt", false, null, 200, "text/plain", true, null, body, MtaStsPolicy.Parse(body));
}
