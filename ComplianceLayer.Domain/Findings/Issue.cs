using ComplianceLayer.Domain.Scoring;

namespace ComplianceLayer.Domain.Findings;

/// <summary>
/// One issue as a scan module reports it. The constructor enforces the rules (valid code, known module, evidence present),
/// so every issue that reaches scoring, the report or the database is well formed.
/// </summary>
public sealed record Issue
{
    /// <param name="module">Module key (<see cref="ModuleKeys"/>).</param>
    /// <param name="code">Stable lower-case dotted code, e.g. <c>ssl.cert.expired</c>.</param>
    /// <param name="severity">Drives the penalty (<see cref="ScoringPolicy.Penalties"/>).</param>
    /// <param name="title">One line, shown as the report's <c>finding</c>.</param>
    /// <param name="remediation">What to do about it; identical texts are merged into one recommendation.</param>
    /// <param name="evidence">The record, header, banner or certificate field that proves the issue.</param>
    /// <param name="detail">Longer explanation; may be empty.</param>
    /// <param name="subject">What the issue is about when a code can repeat (port, cookie name, MX host); becomes part of the fingerprint.</param>
    public Issue(
        string module,
        string code,
        Severity severity,
        string title,
        string remediation,
        string evidence,
        string detail = "",
        string? subject = null)
    {
        if (!ModuleKeys.IsKnown(module))
        {
            throw new ArgumentException($"'{module}' is not a known module key.", nameof(module));
        }
        if (!Enum.IsDefined(severity))
        {
            throw new ArgumentOutOfRangeException(nameof(severity), severity, "Unknown severity.");
        }
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentException.ThrowIfNullOrWhiteSpace(evidence);
        ArgumentNullException.ThrowIfNull(remediation);
        ArgumentNullException.ThrowIfNull(detail);

        Module = module;
        Code = code;
        Fingerprint = FindingCodes.Fingerprint(code, subject);
        Severity = severity;
        Title = title.Trim();
        Detail = detail.Trim();
        Remediation = remediation.Trim();
        Evidence = evidence;
    }

    public string Code { get; }

    public string Fingerprint { get; }

    public string Module { get; }

    public Severity Severity { get; }

    public string Title { get; }

    public string Detail { get; }

    public string Remediation { get; }

    public string Evidence { get; }
}
