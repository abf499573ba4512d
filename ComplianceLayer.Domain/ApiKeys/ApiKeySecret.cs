using System.Security.Cryptography;
using System.Text;

namespace ComplianceLayer.Domain.ApiKeys;

/// <summary>A newly generated key: the plaintext (shown once, never stored) and what is stored instead.</summary>
public sealed record ApiKeySecret(string Key, string Prefix, string Sha256Hash)
{
    public const string KeyPrefix = "cl_";

    /// <summary>Characters after <c>cl_</c> kept to tell keys apart in lists and logs.</summary>
    public const int PrefixLength = 8;

    /// <summary><c>cl_</c> followed by 32 random bytes in URL-safe base64 (43 characters).</summary>
    public static ApiKeySecret Generate()
    {
        var key = KeyPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        return new ApiKeySecret(key, key.Substring(KeyPrefix.Length, PrefixLength), Hash(key));
    }

    /// <summary>Lower-case hex SHA-256 of the key's UTF-8 text: the only form stored and looked up.</summary>
    public static string Hash(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    /// <summary>Whether the text looks like one of our keys at all (cheap check before a database lookup).</summary>
    public static bool LooksLikeKey(string? text) =>
        text is { Length: > 3 and <= 200 } && text.StartsWith(KeyPrefix, StringComparison.Ordinal);

    public override string ToString() => $"{KeyPrefix}{Prefix}…";

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
