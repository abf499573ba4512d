using System.Collections.Frozen;
using System.Reflection;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace ComplianceLayer.Scanning.Modules.Ssl.Probing;

/// <summary>
/// Every suite the module knows by IANA name: BouncyCastle's <see cref="CipherSuite"/> constants (its names are the IANA
/// names) plus <see cref="LegacySuites"/>. Suites needing a pre-shared key, SRP or Kerberos are left out: a server
/// never picks them for a client without credentials.
/// </summary>
public static class CipherSuiteCatalog
{
    internal static TlsCrypto Crypto { get; } = new BcTlsCrypto(new SecureRandom());

    private static readonly string[] Excluded = ["PSK", "SRP", "KRB5", "SCSV", "GOST", "SM4"];

    private static readonly FrozenDictionary<ushort, CipherSuiteInfo> ById = Load();

    public static IReadOnlyCollection<CipherSuiteInfo> All => ById.Values;

    /// <summary>The IANA name, or the hex id for a suite we do not know.</summary>
    public static string Name(ushort id) => ById.TryGetValue(id, out var suite) ? suite.Name : $"0x{id:X4}";

    public static CipherSuiteInfo Get(ushort id) => ById.TryGetValue(id, out var suite) ? suite : new CipherSuiteInfo(id, $"TLS_UNKNOWN_WITH_0x{id:X4}");

    /// <summary>Suites BouncyCastle can negotiate at <paramref name="version"/> (TLS 1.0–1.3).</summary>
    public static IReadOnlyList<ushort> BouncyCastleSuites(TlsVersion version)
    {
        var protocol = BouncyCastleVersion(version);
        return [.. ById.Values
            .Where(s => !LegacySuites.All.Contains(s)
                && TlsUtilities.IsSupportedCipherSuite(Crypto, s.Id)
                && TlsUtilities.IsValidVersionForCipherSuite(s.Id, protocol))
            .Select(s => s.Id)
            .Order()];
    }

    /// <summary>Suites only the raw probe offers, valid before TLS 1.2's removals (all of them pre-date TLS 1.2).</summary>
    public static IReadOnlyList<ushort> LegacyOnlySuites => [.. LegacySuites.All.Select(s => s.Id)];

    /// <summary>What an SSL 3.0 server may choose: every non-AEAD, SHA-1/MD5 suite we know, legacy ones included.</summary>
    public static IReadOnlyList<ushort> Ssl3Suites => [.. ById.Values
        .Where(s => !s.IsTls13 && !s.IsAead && (s.Cipher.EndsWith("_SHA", StringComparison.Ordinal) || s.Cipher.EndsWith("_MD5", StringComparison.Ordinal)))
        .Select(s => s.Id)
        .Order()];

    internal static ProtocolVersion BouncyCastleVersion(TlsVersion version) => version switch
    {
        TlsVersion.Tls10 => ProtocolVersion.TLSv10,
        TlsVersion.Tls11 => ProtocolVersion.TLSv11,
        TlsVersion.Tls12 => ProtocolVersion.TLSv12,
        TlsVersion.Tls13 => ProtocolVersion.TLSv13,
        _ => throw new ArgumentOutOfRangeException(nameof(version), version, "BouncyCastle has no SSL 3.0."),
    };

    private static FrozenDictionary<ushort, CipherSuiteInfo> Load()
    {
        var suites = new Dictionary<ushort, CipherSuiteInfo>();
        foreach (var field in typeof(CipherSuite).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            if (field.IsLiteral && field.FieldType == typeof(int) && field.Name.StartsWith("TLS_", StringComparison.Ordinal)
                && !Excluded.Any(e => field.Name.Contains(e, StringComparison.Ordinal)))
            {
                var id = (ushort)(int)field.GetRawConstantValue()!;
                suites.TryAdd(id, new CipherSuiteInfo(id, field.Name));
            }
        }

        foreach (var legacy in LegacySuites.All)
        {
            suites.TryAdd(legacy.Id, legacy);
        }

        return suites.ToFrozenDictionary();
    }
}
