using System.Numerics;

namespace ComplianceLayer.Scanning.Modules.JsAudit;

/// <summary>
/// Version ordering exactly as retire.js's <c>isAtOrAbove</c>: split on '.' and '-'; numeric parts compare as numbers,
/// other parts as strings (ordinal), a missing part counts as 0, and a number ranks above a string, so that
/// 3.0.0-rc1 &lt; 3.0.0 and 1.9.0b1 &lt; 1.9.0.
/// </summary>
public static class RetireVersion
{
    public static bool IsAtOrAbove(string version, string bound)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(bound);
        var left = version.Split('.', '-');
        var right = bound.Split('.', '-');
        for (var i = 0; i < Math.Max(left.Length, right.Length); i++)
        {
            var a = Comparable(i < left.Length ? left[i] : null);
            var b = Comparable(i < right.Length ? right[i] : null);
            if (a.Number.HasValue != b.Number.HasValue)
            {
                return a.Number.HasValue;
            }

            var order = a.Number.HasValue ? a.Number.Value.CompareTo(b.Number!.Value) : string.CompareOrdinal(a.Text, b.Text);
            if (order != 0)
            {
                return order > 0;
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="version"/> lies in [atOrAbove, below), as retire.js decides it.</summary>
    public static bool IsInRange(string version, string? atOrAbove, string? below)
        => (below is null || !IsAtOrAbove(version, below)) && (atOrAbove is null || IsAtOrAbove(version, atOrAbove));

    private static (BigInteger? Number, string Text) Comparable(string? part)
    {
        if (string.IsNullOrEmpty(part))
        {
            return (BigInteger.Zero, "0");
        }

        return part.All(char.IsAsciiDigit) ? (BigInteger.Parse(part, System.Globalization.CultureInfo.InvariantCulture), part) : (null, part);
    }
}
