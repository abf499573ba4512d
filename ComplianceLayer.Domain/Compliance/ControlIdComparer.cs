namespace ComplianceLayer.Domain.Compliance;

/// <summary>
/// Orders control ids as a reader expects: runs of digits compare as numbers, everything else ordinally, so
/// CC6.1 &lt; CC6.6 &lt; CC7.1, A.5.14 &lt; A.8.8 &lt; A.8.24, 1.2.5 &lt; 4.2.1 &lt; 11.3.2 and SC-8 &lt; SC-8(1) &lt; SC-13.
/// Ties (e.g. "01" and "1") fall back to ordinal order, so the order is total and stable.
/// </summary>
public sealed class ControlIdComparer : IComparer<string>
{
    public static ControlIdComparer Instance { get; } = new();

    private ControlIdComparer()
    {
    }

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }
        if (x is null)
        {
            return -1;
        }
        if (y is null)
        {
            return 1;
        }

        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                var xEnd = RunEnd(x, i);
                var yEnd = RunEnd(y, j);
                var byNumber = CompareNumbers(x[i..xEnd], y[j..yEnd]);
                if (byNumber != 0)
                {
                    return byNumber;
                }
                i = xEnd;
                j = yEnd;
                continue;
            }
            var byChar = x[i].CompareTo(y[j]);
            if (byChar != 0)
            {
                return byChar;
            }
            i++;
            j++;
        }
        var byLength = (x.Length - i).CompareTo(y.Length - j);
        return byLength != 0 ? byLength : string.CompareOrdinal(x, y);
    }

    private static int RunEnd(string text, int start)
    {
        var end = start;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }
        return end;
    }

    private static int CompareNumbers(string a, string b)
    {
        var trimmedA = a.TrimStart('0');
        var trimmedB = b.TrimStart('0');
        return trimmedA.Length != trimmedB.Length
            ? trimmedA.Length.CompareTo(trimmedB.Length)
            : string.Compare(trimmedA, trimmedB, StringComparison.Ordinal) switch
            {
                < 0 => -1,
                > 0 => 1,
                _ => 0,
            };
    }
}
