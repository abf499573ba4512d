using System.Text.Json.Nodes;
using ComplianceLayer.Domain.Scoring;
using ComplianceLayer.Scanning.Modules.Dnssec.Checks;
using ComplianceLayer.Scanning.Net;
using DnsClient;
using DnsClient.Protocol;

namespace ComplianceLayer.Scanning.Modules.Dnssec;

/// <summary>
/// DNSSEC of the scanned name's zone: DS at the parent, DNSKEY and RRSIGs at the zone (queried with DO), the resolver's
/// AD bit as it says, and the DS ↔ DNSKEY digests computed here. RRSIG signatures are not verified cryptographically.
/// </summary>
public sealed class DnssecModule : IScanModule
{
    public string Key => ModuleKeys.Dnssec;

    public async Task<ModuleOutcome> RunAsync(ScanContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context.Domain.Ascii.ToLowerInvariant();
        var (zone, zoneSource, soaProbe) = await FindZoneAsync(context, name).ConfigureAwait(false);
        if (soaProbe is { IsDefinitive: false })
        {
            return NotTested(soaProbe, zone);
        }

        var dsTask = context.QueryAsync(zone, QueryType.DS, requestDnsSec: true);
        var dnskeyTask = context.QueryAsync(zone, QueryType.DNSKEY, requestDnsSec: true);
        var soaTask = context.QueryAsync(zone, QueryType.SOA, requestDnsSec: true);
        var addressTask = context.QueryAsync(name, QueryType.A, requestDnsSec: true);
        await Task.WhenAll(dsTask, dnskeyTask, soaTask, addressTask).WaitAsync(cancellationToken).ConfigureAwait(false);
        var (ds, dnskey, soa, address) = (dsTask.Result, dnskeyTask.Result, soaTask.Result, addressTask.Result);

        foreach (var answer in new[] { ds, dnskey })
        {
            if (!answer.IsDefinitive)
            {
                return NotTested(answer, zone);
            }
        }

        var facts = new DnssecFacts(
            zone,
            zoneSource,
            [.. ds.RecordsOf<DsRecord>().Where(r => Owner(r) == zone)
                .Select(r => new DsFact(r.KeyTag, (int)r.Algorithm, r.DigestType, r.Digest.ToArray()))],
            [.. dnskey.RecordsOf<DnsKeyRecord>().Where(r => Owner(r) == zone)
                .Select(r => new DnskeyFact(r.Flags, r.Protocol, (int)r.Algorithm, r.PublicKey.ToArray()))],
            [.. Rrsets(zone, dnskey, soa, address, name)],
            dnskey.IsAuthenticData,
            context.Network.Time.GetUtcNow());

        var issues = ChainCheck.Run(facts).Concat(RrsigValidityCheck.Run(facts)).Concat(AlgorithmCheck.Run(facts)).ToArray();
        return ModuleOutcome.Completed(Key, issues, DnssecDetails.Build(facts, ChainCheck.Assess(facts), dnskey.NameServer));
    }

    /// <summary>
    /// DNSSEC applies at the zone apex. The apex is the owner of the SOA that answers for the name (in the answer at an
    /// apex, in the authority section below one) when it lies between the name and its registrable domain; otherwise
    /// the registrable domain.
    /// </summary>
    private static async Task<(string Zone, string Source, DnsAnswer? Probe)> FindZoneAsync(ScanContext context, string name)
    {
        var registrable = context.Domain.RegistrableDomain.ToLowerInvariant();
        if (name == registrable)
        {
            return (registrable, "registrable_domain", null);
        }

        var answer = await context.QueryAsync(name, QueryType.SOA).ConfigureAwait(false);
        var owner = answer.RecordsOf<SoaRecord>().Concat(answer.Authorities.OfType<SoaRecord>()).Select(Owner)
            .FirstOrDefault(o => o == name || o == registrable || (o.EndsWith("." + registrable, StringComparison.Ordinal) && name.EndsWith("." + o, StringComparison.Ordinal)));
        return owner is null ? (registrable, "registrable_domain", answer) : (owner, "soa", answer);
    }

    private static IEnumerable<SignedRrset> Rrsets(string zone, DnsAnswer dnskey, DnsAnswer soa, DnsAnswer address, string name)
    {
        if (dnskey.RecordsOf<DnsKeyRecord>().Any(r => Owner(r) == zone))
        {
            yield return Rrset(dnskey, zone, "DNSKEY");
        }

        if (soa.IsDefinitive && soa.RecordsOf<SoaRecord>().Any(r => Owner(r) == zone))
        {
            yield return Rrset(soa, zone, "SOA");
        }

        if (address.IsDefinitive)
        {
            // The name's own RRset: a CNAME when it is an alias (its target may live in another zone).
            var type = address.Records.Any(r => Owner(r) == name && r.RecordType == ResourceRecordType.CNAME) ? "CNAME"
                : address.Records.Any(r => Owner(r) == name && r.RecordType == ResourceRecordType.A) ? "A"
                : null;
            if (type is not null)
            {
                yield return Rrset(address, name, type);
            }
        }
    }

    private static SignedRrset Rrset(DnsAnswer answer, string owner, string type) => new(owner, type,
        [.. answer.RecordsOf<RRSigRecord>()
            .Where(s => Owner(s) == owner && s.CoveredType.ToString() == type)
            .Select(s => new RrsigFact(type, (int)s.Algorithm, s.KeyTag, s.SignersName.Value.TrimEnd('.').ToLowerInvariant(),
                s.SignatureInception, s.SignatureExpiration))]);

    private static string Owner(DnsResourceRecord record) => record.DomainName.Value.TrimEnd('.').ToLowerInvariant();

    private ModuleOutcome NotTested(DnsAnswer answer, string zone)
    {
        var reason = $"{answer.Type} {answer.Name} could not be looked up ({answer.Error ?? answer.Status.ToString()}).";
        if (answer.Status == DnsLookupStatus.ServerFailure)
        {
            reason += " A validating resolver also answers SERVFAIL when a zone fails DNSSEC validation; check the zone with DNSViz.";
        }

        return ModuleOutcome.NotTested(Key, reason, new JsonObject { ["zone"] = zone, ["failed_query"] = $"{answer.Type} {answer.Name}", ["status"] = answer.Status.ToString() });
    }
}
