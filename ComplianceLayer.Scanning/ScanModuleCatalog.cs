namespace ComplianceLayer.Scanning;

/// <summary>The modules a scan runs: one explicit list, one line per module.</summary>
public static class ScanModuleCatalog
{
    public static IReadOnlyList<IScanModule> Create() =>
    [
        new Modules.Ssl.SslModule(),
        new Modules.Headers.HeadersModule(),
        new Modules.DnsEmail.DnsEmailModule(),
        new Modules.Ports.PortsModule(),
        new Modules.Cookies.CookiesModule(),
        new Modules.Dnssec.DnssecModule(),
        new Modules.Waf.WafModule(),
        new Modules.JsAudit.JsAuditModule(),
    ];
}
