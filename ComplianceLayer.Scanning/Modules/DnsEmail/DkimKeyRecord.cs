using System.Security.Cryptography;

namespace ComplianceLayer.Scanning.Modules.DnsEmail;

/// <summary>A DKIM key record (RFC 6376 §3.6.1, RFC 8463 for ed25519) at &lt;selector&gt;._domainkey.&lt;domain&gt;.</summary>
public sealed record DkimKeyRecord(string Text, string KeyType, int? KeyBits, bool IsRevoked, IReadOnlyList<string> Errors)
{
    /// <summary>A TXT string is taken for a key record when it says v=DKIM1 or carries a p= tag (wildcard TXT records do not).</summary>
    public static bool IsKeyRecord(string text) => Tags(text).Any(t => t.Name is "p" || (t.Name == "v" && t.Value.Equals("DKIM1", StringComparison.OrdinalIgnoreCase)));

    public static DkimKeyRecord Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tags = Tags(text);
        var errors = new List<string>();
        var v = tags.FindIndex(t => t.Name == "v");
        if (v > 0 || (v == 0 && tags[0].Value != "DKIM1"))
        {
            errors.Add("v= must be the first tag and exactly \"DKIM1\"");
        }

        var keyType = tags.FirstOrDefault(t => t.Name == "k").Value?.ToLowerInvariant() ?? "rsa";
        var p = tags.FirstOrDefault(t => t.Name == "p").Value;
        if (p is null)
        {
            errors.Add("no p= (public key) tag");
            return new DkimKeyRecord(text, keyType, null, false, errors);
        }

        var key = string.Concat(p.Where(c => !char.IsWhiteSpace(c)));
        if (key.Length == 0)
        {
            return new DkimKeyRecord(text, keyType, null, true, errors);
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(key);
        }
        catch (FormatException)
        {
            errors.Add("p= is not valid base64");
            return new DkimKeyRecord(text, keyType, null, false, errors);
        }

        int? bits = keyType switch
        {
            "rsa" => RsaBits(bytes),
            "ed25519" => bytes.Length == 32 ? 256 : null,
            _ => null,
        };
        if (keyType is not ("rsa" or "ed25519"))
        {
            errors.Add($"unknown key type k={keyType}");
        }
        else if (bits is null)
        {
            errors.Add($"p= does not hold a valid {keyType} public key");
        }

        return new DkimKeyRecord(text, keyType, bits, false, errors);
    }

    private static int? RsaBits(byte[] bytes)
    {
        using var rsa = RSA.Create();
        try
        {
            rsa.ImportSubjectPublicKeyInfo(bytes, out _);
            return rsa.KeySize;
        }
        catch (CryptographicException)
        {
            try
            {
                // Some publishers put a bare PKCS#1 RSAPublicKey where RFC 6376 expects SubjectPublicKeyInfo; verifiers accept both.
                rsa.ImportRSAPublicKey(bytes, out _);
                return rsa.KeySize;
            }
            catch (CryptographicException)
            {
                return null;
            }
        }
    }

    private static List<(string Name, string Value)> Tags(string text) =>
        [.. text.Split(';').Select(p => p.Trim()).Where(p => p.Contains('=', StringComparison.Ordinal))
            .Select(p => (p[..p.IndexOf('=', StringComparison.Ordinal)].Trim().ToLowerInvariant(), p[(p.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim()))];
}
