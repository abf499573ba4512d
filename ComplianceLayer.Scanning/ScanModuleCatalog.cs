namespace ComplianceLayer.Scanning;

/// <summary>The modules a scan runs: one explicit list, one line per module.</summary>
public static class ScanModuleCatalog
{
    public static IReadOnlyList<IScanModule> Create() =>
    [
        new Modules.Ssl.SslModule(),
    ];
}
