using System.Text.Json.Serialization;

namespace ComplianceLayer.Domain.Reports;

/// <summary>The report's <c>compliance</c> object: per framework, each control touched by the scan.</summary>
public sealed record ComplianceSection
{
    public static ComplianceSection Empty { get; } = new() { Soc2 = [], Iso27001 = [], Nist = [], PciDss = [], Hipaa = [] };

    [JsonPropertyName("soc2")]
    public required IReadOnlyList<ComplianceEntry> Soc2 { get; init; }

    [JsonPropertyName("iso27001")]
    public required IReadOnlyList<ComplianceEntry> Iso27001 { get; init; }

    [JsonPropertyName("nist")]
    public required IReadOnlyList<ComplianceEntry> Nist { get; init; }

    [JsonPropertyName("pcidss")]
    public required IReadOnlyList<ComplianceEntry> PciDss { get; init; }

    [JsonPropertyName("hipaa")]
    public required IReadOnlyList<ComplianceEntry> Hipaa { get; init; }
}

/// <summary>One control of one framework: pass/fail/not assessed and, on fail, the finding codes behind it.</summary>
public sealed record ComplianceEntry
{
    /// <summary>Control id as the framework numbers it (<c>CC6.7</c>, <c>A.8.24</c>, <c>SC-8</c>, <c>4.2.1</c>, <c>164.312(e)(1)</c>).</summary>
    public required string Control { get; init; }

    /// <summary>Our own short title (framework texts other than NIST are copyrighted).</summary>
    public required string Title { get; init; }

    public required ControlStatus Status { get; init; }

    public required MappingStrength Strength { get; init; }

    public required IReadOnlyList<string> Findings { get; init; }
}

/// <summary>
/// Serialised <c>pass</c> / <c>fail</c> / <c>not_assessed</c>. Not assessed: every module whose findings bear on the control
/// errored or was not tested, so the scan says nothing about it (never reported as pass or fail).
/// </summary>
public enum ControlStatus
{
    Pass,
    Fail,
    NotAssessed,
}

/// <summary>Direct: the control's text covers this kind of finding; supporting: the finding is evidence towards it.</summary>
public enum MappingStrength
{
    Direct,
    Supporting,
}
