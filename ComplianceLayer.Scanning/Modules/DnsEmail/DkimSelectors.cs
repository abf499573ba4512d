namespace ComplianceLayer.Scanning.Modules.DnsEmail;

/// <summary>DKIM selectors worth trying: common ones plus those of mail providers recognised from MX hosts and SPF includes.</summary>
public static class DkimSelectors
{
    public static readonly IReadOnlyList<string> Common =
    [
        "default", "selector1", "selector2", "google", "k1", "k2", "s1", "s2", "dkim", "mail", "smtp", "mxvault",
        "fm1", "fm2", "fm3", "zoho", "protonmail", "protonmail2", "protonmail3", "key1", "sig1",
    ];

    private static readonly (string Provider, string[] Suffixes, string[] Selectors)[] Providers =
    [
        ("Microsoft 365", ["mail.protection.outlook.com", "spf.protection.outlook.com"], ["selector1", "selector2"]),
        ("Google Workspace", ["google.com", "googlemail.com", "_spf.google.com"], ["google"]),
        ("Mailchimp/Mandrill", ["servers.mcsv.net", "mandrillapp.com", "mcsv.net"], ["k1", "k2", "k3", "mte1", "mte2"]),
        ("SendGrid", ["sendgrid.net"], ["s1", "s2", "smtpapi"]),
        ("Zoho", ["zoho.com", "zoho.eu", "zohomail.com"], ["zoho", "zmail"]),
        ("Fastmail", ["messagingengine.com"], ["fm1", "fm2", "fm3"]),
        ("Proton", ["protonmail.ch"], ["protonmail", "protonmail2", "protonmail3"]),
        ("Amazon SES", ["amazonses.com"], []),
    ];

    /// <summary>Providers recognised from the given MX hosts and SPF include/redirect domains, and the selectors to try.</summary>
    public static (IReadOnlyList<string> Selectors, IReadOnlyList<string> Providers) For(IEnumerable<string> mailHosts)
    {
        var hosts = mailHosts.Select(h => h.TrimEnd('.').ToLowerInvariant()).ToList();
        var providers = new List<string>();
        var selectors = new List<string>();
        foreach (var (provider, suffixes, providerSelectors) in Providers)
        {
            if (hosts.Any(h => suffixes.Any(s => h == s || h.EndsWith("." + s, StringComparison.Ordinal))))
            {
                providers.Add(providerSelectors.Length == 0
                    ? $"{provider} (its DKIM selectors are random tokens and cannot be guessed)"
                    : provider);
                selectors.AddRange(providerSelectors);
            }
        }

        return ([.. selectors.Concat(Common).Distinct(StringComparer.Ordinal)], providers);
    }
}
