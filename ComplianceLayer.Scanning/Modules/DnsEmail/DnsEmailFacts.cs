using ComplianceLayer.Scanning.Net;

namespace ComplianceLayer.Scanning.Modules.DnsEmail;

/// <summary>Everything the module measured for one domain; the checks are pure functions over it.</summary>
public sealed record DnsEmailFacts(
    string Domain,
    SpfFacts Spf,
    DmarcFacts Dmarc,
    DkimFacts Dkim,
    CaaFacts Caa,
    MxFacts Mx,
    MtaStsFacts MtaSts,
    TlsRptFacts TlsRpt);

/// <summary>SPF at the domain: the v=spf1 TXT strings found and, when there is exactly one, the evaluated tree.</summary>
public sealed record SpfFacts(DnsLookupStatus Status, string? Error, IReadOnlyList<string> Records, SpfEvaluation? Evaluation);

/// <param name="FoundAt">The _dmarc name whose record applies (the domain's, or the organizational domain's).</param>
/// <param name="ViaOrganizationalDomain">No record at the scanned name; the registrable domain's applies, with its sp.</param>
public sealed record DmarcFacts(
    DnsLookupStatus Status,
    string? Error,
    string QueriedAt,
    string? FoundAt,
    bool ViaOrganizationalDomain,
    IReadOnlyList<string> Records,
    DmarcRecord? Record);

public sealed record DkimSelectorKey(string Selector, string Name, DkimKeyRecord Key);

/// <param name="DomainKeyStatus">Answer for _domainkey.&lt;domain&gt;: NXDOMAIN means no DKIM key can exist below it (RFC 8020).</param>
/// <param name="SkippedReason">Set when DKIM was deliberately not probed (a domain that declares it sends no mail).</param>
public sealed record DkimFacts(
    DnsLookupStatus DomainKeyStatus,
    IReadOnlyList<string> SelectorsTried,
    IReadOnlyList<DkimSelectorKey> Keys,
    IReadOnlyList<string> Providers,
    IReadOnlyList<string> FailedSelectors,
    string? SkippedReason);

/// <param name="FoundAt">The name whose CAA RRset applies (RFC 8659 climbs towards the root); null when none was found.</param>
public sealed record CaaFacts(DnsLookupStatus Status, string? Error, string? FoundAt, IReadOnlyList<CaaEntry> Entries);

public sealed record MxHost(string Host, int Preference, string? CnameTarget, bool IsIpLiteral, SmtpProbeResult? Smtp);

public sealed record MxFacts(DnsLookupStatus Status, string? Error, IReadOnlyList<MxHost> Hosts)
{
    /// <summary>RFC 7505: a single MX "0 ." — the domain accepts no mail.</summary>
    public bool IsNullMx => Hosts.Count == 1 && Hosts[0].Host == "." && Hosts[0].Preference == 0;

    public bool ReceivesMail => Status == DnsLookupStatus.NoError && Hosts.Count > 0 && !IsNullMx;
}

public sealed record MtaStsPolicyFetch(
    string Url,
    bool CouldNotTest,
    string? Error,
    int? StatusCode,
    string? ContentType,
    bool? CertificateValid,
    string? CertificateProblem,
    string? Body,
    MtaStsPolicy? Policy);

public sealed record MtaStsFacts(DnsLookupStatus Status, string? Error, IReadOnlyList<string> Records, MtaStsPolicyFetch? Fetch);

public sealed record TlsRptFacts(DnsLookupStatus Status, string? Error, IReadOnlyList<string> Records);
