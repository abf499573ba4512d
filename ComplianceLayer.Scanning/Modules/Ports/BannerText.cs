using System.Globalization;
using System.Text;

namespace ComplianceLayer.Scanning.Modules.Ports;

/// <summary>Banners as the prober returns them: text with <c>\xNN</c> escapes for control and binary bytes.</summary>
public static class BannerText
{
    public const int MaxReportLength = 200;

    /// <summary>One line for reports: line breaks escaped like the other control bytes, cut to <paramref name="maxLength"/>.</summary>
    public static string Printable(string? banner, int maxLength = MaxReportLength)
    {
        if (string.IsNullOrEmpty(banner))
        {
            return "";
        }

        var builder = new StringBuilder(banner.Length);
        foreach (var c in banner.Trim())
        {
            _ = c switch
            {
                '\r' => builder.Append("\\r"),
                '\n' => builder.Append("\\n"),
                '\t' => builder.Append("\\t"),
                _ when char.IsControl(c) => builder.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
                _ => builder.Append(c),
            };
        }

        return builder.Length <= maxLength ? builder.ToString() : string.Concat(builder.ToString(0, maxLength - 1), "…");
    }

    /// <summary>The bytes behind a prober banner (undoing its <c>\xNN</c> escapes), for binary protocol greetings.</summary>
    public static byte[] ToBytes(string? banner)
    {
        if (string.IsNullOrEmpty(banner))
        {
            return [];
        }

        var bytes = new List<byte>(banner.Length);
        for (var i = 0; i < banner.Length; i++)
        {
            if (banner[i] == '\\' && i + 3 < banner.Length && banner[i + 1] == 'x'
                && byte.TryParse(banner.AsSpan(i + 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value))
            {
                bytes.Add(value);
                i += 3;
            }
            else
            {
                bytes.Add(banner[i] <= 0xff ? (byte)banner[i] : (byte)'?');
            }
        }

        return [.. bytes];
    }
}
