using System.Net;
using System.Net.Sockets;
using ComplianceLayer.Scanning.Modules.DnsEmail.Checks;
using ComplianceLayer.Scanning.Net;
using DnsClient;
using DnsClient.Protocol;

namespace ComplianceLayer.Scanning.Modules.DnsEmail;

/// <summary>The module's network side: every lookup and connection, once, producing <see cref="DnsEmailFacts"/>.</summary>
internal static class DnsEmailProbe
{
    private const int MaxPolicyBytes = 64 * 1024;

    public static async Task<DnsEmailFacts> CollectAsync(ScanContext context, CancellationToken cancellationToken)
    {
        var domain = context.Domain.Ascii;
        var txt = context.QueryAsync(domain, QueryType.TXT);
        var mxAnswer = context.QueryAsync(domain, QueryType.MX);
        var dmarcTask = DmarcAsync(context);
        var caaTask = CaaAsync(context);
        var sts = context.QueryAsync("_mta-sts." + domain, QueryType.TXT);
        var rpt = context.QueryAsync("_smtp._tls." + domain, QueryType.TXT);
        var domainKey = context.QueryAsync("_domainkey." + domain, QueryType.TXT);

        var spf = await SpfAsync(context, await txt.ConfigureAwait(false)).ConfigureAwait(false);
        var mx = await MxAsync(context, await mxAnswer.ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        var dmarc = await dmarcTask.ConfigureAwait(false);
        var dkim = await DkimAsync(context, await domainKey.ConfigureAwait(false), mx, spf, dmarc).ConfigureAwait(false);
        var mtaSts = await MtaStsAsync(context, await sts.ConfigureAwait(false), mx, cancellationToken).ConfigureAwait(false);
        var rptAnswer = await rpt.ConfigureAwait(false);
        var tlsRpt = new TlsRptFacts(rptAnswer.Status, rptAnswer.Error, Texts(rptAnswer).Where(TlsRptRecord.IsTlsRpt).ToList());
        return new DnsEmailFacts(domain, spf, dmarc, dkim, await caaTask.ConfigureAwait(false), mx, mtaSts, tlsRpt);
    }

    private static async Task<SpfFacts> SpfAsync(ScanContext context, DnsAnswer answer)
    {
        var records = SpfExpander.SpfTexts(answer);
        if (!answer.IsDefinitive || records.Count != 1)
        {
            return new SpfFacts(answer.Status, answer.Error, records, null);
        }

        var evaluation = await new SpfExpander((name, type) => context.QueryAsync(name, type)).EvaluateAsync(context.Domain.Ascii, records[0]).ConfigureAwait(false);
        return new SpfFacts(answer.Status, answer.Error, records, evaluation);
    }

    private static async Task<DmarcFacts> DmarcAsync(ScanContext context)
    {
        var name = "_dmarc." + context.Domain.Ascii;
        var answer = await context.QueryAsync(name, QueryType.TXT).ConfigureAwait(false);
        var records = Texts(answer).Where(DmarcRecord.IsDmarc).ToList();
        if (!answer.IsDefinitive || records.Count > 0 || context.Domain.IsRegistrableDomain)
        {
            return Facts(answer, name, name, false, records);
        }

        // Receivers fall back to the organizational (registrable) domain's record and apply its sp (RFC 7489 §6.6.3).
        var orgName = "_dmarc." + context.Domain.RegistrableDomain;
        var org = await context.QueryAsync(orgName, QueryType.TXT).ConfigureAwait(false);
        return Facts(org, name, orgName, true, [.. Texts(org).Where(DmarcRecord.IsDmarc)]);

        static DmarcFacts Facts(DnsAnswer answer, string queried, string at, bool viaOrg, List<string> records) =>
            new(answer.Status, answer.Error, queried, records.Count > 0 ? at : null, viaOrg, records, records.Count == 1 ? DmarcRecord.Parse(records[0]) : null);
    }

    private static async Task<CaaFacts> CaaAsync(ScanContext context)
    {
        var labels = context.Domain.Ascii.Split('.');
        for (var i = 0; i < labels.Length - 1; i++)
        {
            var name = string.Join('.', labels[i..]);
            var answer = await context.QueryAsync(name, QueryType.CAA).ConfigureAwait(false);
            if (!answer.IsDefinitive)
            {
                return new CaaFacts(answer.Status, answer.Error ?? $"CAA {name}: {answer.Status}", null, []);
            }

            var records = answer.RecordsOf<CaaRecord>().ToList();
            if (records.Count > 0)
            {
                return new CaaFacts(DnsLookupStatus.NoError, null, name, [.. records.Take(100).Select(r => CaaEntry.Create(r.Flags, r.Tag, r.Value))]);
            }
        }

        return new CaaFacts(DnsLookupStatus.NoError, null, null, []);
    }

    private static async Task<MxFacts> MxAsync(ScanContext context, DnsAnswer answer, CancellationToken cancellationToken)
    {
        var records = answer.RecordsOf<MxRecord>().OrderBy(r => r.Preference).ThenBy(r => r.Exchange.Value, StringComparer.Ordinal).ToList();
        var nullMx = records.Count == 1 && records[0].Exchange.Value == "." && records[0].Preference == 0;
        var hosts = await Task.WhenAll(records.Select(async (r, index) =>
        {
            var host = r.Exchange.Value == "." ? "." : r.Exchange.Value.TrimEnd('.').ToLowerInvariant();
            if (nullMx || host == ".")
            {
                return new MxHost(host, r.Preference, null, false, null);
            }

            var isLiteral = IPAddress.TryParse(host.Trim('[', ']'), out _);
            string? cname = null;
            if (!isLiteral)
            {
                var alias = await context.QueryAsync(host, QueryType.CNAME).ConfigureAwait(false);
                cname = alias.RecordsOf<CNameRecord>().FirstOrDefault()?.CanonicalName.Value.TrimEnd('.');
            }

            var smtp = isLiteral || index >= DnsEmailModule.MaxProbedMxHosts
                ? null
                : await context.SharedAsync("dns_email.smtp:" + host, ct => SmtpStartTlsProbe.ProbeAsync(context.Network, host, ct)).WaitAsync(cancellationToken).ConfigureAwait(false);
            return new MxHost(host, r.Preference, cname, isLiteral, smtp);
        })).ConfigureAwait(false);
        return new MxFacts(answer.Status, answer.Error, hosts);
    }

    private static async Task<DkimFacts> DkimAsync(ScanContext context, DnsAnswer domainKey, MxFacts mx, SpfFacts spf, DmarcFacts dmarc)
    {
        var domain = context.Domain.Ascii;
        if (spf.Records.Count == 1 && spf.Records[0].Trim().Equals("v=spf1 -all", StringComparison.OrdinalIgnoreCase)
            && DmarcCheck.AppliedPolicy(dmarc) == DmarcPolicy.Reject)
        {
            return new DkimFacts(domainKey.Status, [], [], [], [], "the domain declares that it sends no mail (SPF \"v=spf1 -all\" and DMARC p=reject), so DKIM is not expected");
        }

        var mailHosts = mx.Hosts.Select(h => h.Host).Concat(SpfDomains(spf.Evaluation?.Root));
        var (selectors, providers) = DkimSelectors.For(mailHosts);
        var answers = await Task.WhenAll(selectors.Select(async s => (Selector: s, Answer: await context.QueryAsync($"{s}._domainkey.{domain}", QueryType.TXT).ConfigureAwait(false)))).ConfigureAwait(false);
        var keys = new List<DkimSelectorKey>();
        foreach (var (selector, answer) in answers)
        {
            var text = Texts(answer).FirstOrDefault(DkimKeyRecord.IsKeyRecord);
            if (text is not null)
            {
                keys.Add(new DkimSelectorKey(selector, $"{selector}._domainkey.{domain}", DkimKeyRecord.Parse(text)));
            }
        }

        var failed = answers.Where(a => !a.Answer.IsDefinitive).Select(a => a.Selector).ToList();
        return new DkimFacts(domainKey.Status, selectors, keys, providers, failed, null);
    }

    private static async Task<MtaStsFacts> MtaStsAsync(ScanContext context, DnsAnswer answer, MxFacts mx, CancellationToken cancellationToken)
    {
        var records = Texts(answer).Where(MtaStsRecord.IsMtaSts).ToList();
        if (records.Count == 0 || !mx.ReceivesMail)
        {
            return new MtaStsFacts(answer.Status, answer.Error, records, null);
        }

        var port = context.Network.Options.HttpsPort;
        var url = new Uri($"https://mta-sts.{context.Domain.Ascii}{(port == 443 ? "" : $":{port}")}/.well-known/mta-sts.txt");
        return new MtaStsFacts(answer.Status, answer.Error, records, await FetchPolicyAsync(context, url, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<MtaStsPolicyFetch> FetchPolicyAsync(ScanContext context, Uri url, CancellationToken cancellationToken)
    {
        var text = url.ToString();
        try
        {
            // RFC 8461 §3.3: redirects must not be followed.
            var response = await context.Network.Http.SendAsync(new GuardedHttpRequest(url) { FollowRedirects = false, MaxBodyBytes = MaxPolicyBytes }, cancellationToken).ConfigureAwait(false);
            var tls = response.Tls;
            var valid = tls is not null && tls.IsChainTrusted && tls.HostnameMatches;
            var problem = tls is null ? "no TLS information" : valid ? null
                : string.Join("; ", new[] { tls.HostnameMatches ? null : $"not valid for {url.Host}", tls.IsChainTrusted ? null : "not trusted" }.Where(p => p is not null));
            var body = response.StatusCode == 200 ? response.BodyText : null;
            return new MtaStsPolicyFetch(text, false, null, response.StatusCode, response.Headers.GetFirst("Content-Type"), valid, problem, body,
                body is null ? null : MtaStsPolicy.Parse(body));
        }
        catch (ScanHostUnresolvedException ex) when (ex.Resolution is { } r && (r.IsNxDomain || (r.IPv4?.IsDefinitive == true && r.IPv6?.IsDefinitive == true)))
        {
            return Failed(text, false, $"{url.Host} does not resolve ({r.Problem})");
        }
        catch (HttpRequestException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
        {
            return Failed(text, false, $"connection refused by {url.Host}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or ScanTargetRefusedException or ScanHostUnresolvedException or IOException
            && !cancellationToken.IsCancellationRequested)
        {
            return Failed(text, true, ex.Message);
        }

        static MtaStsPolicyFetch Failed(string url, bool couldNotTest, string error) => new(url, couldNotTest, error, null, null, null, null, null, null);
    }

    private static IEnumerable<string> SpfDomains(SpfNode? node) =>
        node is null ? [] : node.Children.SelectMany(c => SpfDomains(c).Prepend(c.Domain));

    internal static IEnumerable<string> Texts(DnsAnswer answer) => answer.RecordsOf<TxtRecord>().Select(r => string.Concat(r.Text));
}
