namespace ComplianceLayer.Scanning.Modules.Ssl.Probing;

/// <summary>The protocol versions the module probes, oldest first.</summary>
public enum TlsVersion
{
    Ssl30,
    Tls10,
    Tls11,
    Tls12,
    Tls13,
}

public static class TlsVersions
{
    public static IReadOnlyList<TlsVersion> All { get; } = [TlsVersion.Ssl30, TlsVersion.Tls10, TlsVersion.Tls11, TlsVersion.Tls12, TlsVersion.Tls13];

    /// <summary>The version as it travels in a ClientHello/ServerHello (0x0300 … 0x0304).</summary>
    public static ushort Wire(this TlsVersion version) => (ushort)(0x0300 + (int)version);

    /// <summary>The name the report uses ("TLSv1.2"), as OpenSSL and testssl.sh print it.</summary>
    public static string Label(this TlsVersion version) => version switch
    {
        TlsVersion.Ssl30 => "SSLv3",
        TlsVersion.Tls10 => "TLSv1.0",
        TlsVersion.Tls11 => "TLSv1.1",
        TlsVersion.Tls12 => "TLSv1.2",
        TlsVersion.Tls13 => "TLSv1.3",
        _ => throw new ArgumentOutOfRangeException(nameof(version), version, null),
    };

    public static string WireLabel(ushort wire) => wire is >= 0x0300 and <= 0x0304
        ? ((TlsVersion)(wire - 0x0300)).Label()
        : $"0x{wire:X4}";
}
