using System.Text.RegularExpressions;

namespace ComplianceLayer.Domain.Compliance;

/// <summary>The five frameworks of the report's <c>compliance</c> object, keyed as its properties, with each one's control id format.</summary>
public static partial class ComplianceFrameworks
{
    public const string Soc2 = "soc2";
    public const string Iso27001 = "iso27001";
    public const string Nist = "nist";
    public const string PciDss = "pcidss";
    public const string Hipaa = "hipaa";

    /// <summary>In report order.</summary>
    public static IReadOnlyList<string> All { get; } = [Soc2, Iso27001, Nist, PciDss, Hipaa];

    public static bool IsKnown(string? key) => key is not null && All.Contains(key, StringComparer.Ordinal);

    /// <summary>
    /// Whether <paramref name="controlId"/> is written the way <paramref name="framework"/> numbers its controls: SOC 2
    /// <c>CC6.7</c> / <c>A1.2</c>; ISO Annex A <c>A.8.24</c>; NIST CSF 2.0 <c>PR.DS-02</c> or SP 800-53 <c>SC-8</c>, <c>SC-8(1)</c>;
    /// PCI DSS <c>4.2.1</c>, <c>4.2.1.1</c>; HIPAA <c>164.312(e)(2)(ii)</c>. Catches typos such as <c>A.8.024</c> or <c>SC8</c>.
    /// </summary>
    public static bool IsValidControlId(string framework, string controlId)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(controlId);
        return framework switch
        {
            Soc2 => Soc2Id().IsMatch(controlId),
            Iso27001 => IsoId().IsMatch(controlId),
            Nist => CsfId().IsMatch(controlId) || Sp80053Id().IsMatch(controlId),
            PciDss => PciId().IsMatch(controlId),
            Hipaa => HipaaId().IsMatch(controlId),
            _ => false,
        };
    }

    [GeneratedRegex(@"\A(CC[1-9]|A1|C1|PI1|P[1-8])\.[1-9][0-9]?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Soc2Id();

    [GeneratedRegex(@"\AA\.[5-8]\.[1-9][0-9]?\z", RegexOptions.CultureInvariant)]
    private static partial Regex IsoId();

    [GeneratedRegex(@"\A(GV|ID|PR|DE|RS|RC)\.[A-Z]{2}-[0-9]{2}\z", RegexOptions.CultureInvariant)]
    private static partial Regex CsfId();

    [GeneratedRegex(@"\A[A-Z]{2}-[1-9][0-9]?(\([1-9][0-9]?\))?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Sp80053Id();

    [GeneratedRegex(@"\A(1[0-2]|[1-9])(\.[1-9][0-9]?){1,3}\z", RegexOptions.CultureInvariant)]
    private static partial Regex PciId();

    [GeneratedRegex(@"\A164\.3(08|10|12|14|16)\([a-z]\)(\([1-9][0-9]?\)(\((i|ii|iii|iv|v|vi|vii|viii|ix|x)\)(\([A-Z]\))?)?)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex HipaaId();
}
