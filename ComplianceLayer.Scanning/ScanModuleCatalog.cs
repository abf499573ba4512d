namespace ComplianceLayer.Scanning;

/// <summary>The modules a scan runs: one explicit list, one line per module.</summary>
public static class ScanModuleCatalog
{
    public static IReadOnlyList<IScanModule> Create() =>
    [
        new Modules.Dnssec.DnssecModule(),
        new Modules.JsAudit.JsAuditModule(),
        new Modules.Headers.HeadersModule(),
        new Modules.Cookies.CookiesModule(),
        new Modules.Ports.PortsModule(),
        new Modules.Waf.WafModule(),
        new Modules.DnsEmail.DnsEmailModule(),
    ];
}
