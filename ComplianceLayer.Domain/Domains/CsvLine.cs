using System.Text;

namespace ComplianceLayer.Domain.Domains;

/// <summary>Splits one CSV line into fields by RFC 4180: comma-separated, optionally double-quoted, "" inside quotes.</summary>
internal static class CsvLine
{
    /// <summary>
    /// The fields of <paramref name="line"/>, trimmed of surrounding spaces (always at least one), and the error to
    /// show when its quoting is broken.
    /// </summary>
    public static List<string> Split(string line, out string? error)
    {
        error = null;
        var fields = new List<string>(2);
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            while (i < line.Length && line[i] is ' ' or '\t')
            {
                i++;
            }

            if (i < line.Length && line[i] == '"')
            {
                i++;
                var closed = false;
                while (i < line.Length)
                {
                    if (line[i] != '"')
                    {
                        field.Append(line[i++]);
                    }
                    else if (i + 1 < line.Length && line[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                    }
                    else
                    {
                        i++;
                        closed = true;
                        break;
                    }
                }
                if (!closed)
                {
                    error = "A quoted field is not closed on this line: add the closing double quote.";
                }
                while (i < line.Length && line[i] is ' ' or '\t')
                {
                    i++;
                }
                if (error is null && i < line.Length && line[i] != ',')
                {
                    error = "Unexpected text after a closing double quote: quote the whole field.";
                }
                fields.Add(field.ToString());
            }
            else
            {
                var comma = line.IndexOf(',', i);
                var end = comma < 0 ? line.Length : comma;
                fields.Add(line[i..end].Trim());
                i = end;
            }
            field.Clear();

            if (error is not null)
            {
                return fields;
            }
            if (i >= line.Length)
            {
                return fields;
            }
            // line[i] is a comma here: another field follows, even if empty.
            i++;
            if (i >= line.Length)
            {
                fields.Add(string.Empty);
                return fields;
            }
        }
    }
}
