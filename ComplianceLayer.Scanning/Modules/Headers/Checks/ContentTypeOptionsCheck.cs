using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Scoring;

namespace ComplianceLayer.Scanning.Modules.Headers.Checks;

/// <summary>X-Content-Type-Options must be nosniff (Fetch: the first value, case-insensitive).</summary>
public static class ContentTypeOptionsCheck
{
    public const string Name = "x_content_type_options";

    public static CheckResult Run(HeadersFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var value = facts.Headers.GetFirst("X-Content-Type-Options");
        var first = value?.Split(',')[0].Trim(' ', '\t');
        if (string.Equals(first, "nosniff", StringComparison.OrdinalIgnoreCase))
        {
            return CheckResult.Pass(Name);
        }

        return CheckResult.From(Name,
        [
            new Issue(ModuleKeys.Headers, HeadersCodes.ContentTypeOptionsMissing, Severity.Low,
                value is null ? "X-Content-Type-Options is missing" : "X-Content-Type-Options is not 'nosniff'",
                "Send X-Content-Type-Options: nosniff on every response.",
                value is null ? "no X-Content-Type-Options header" : $"X-Content-Type-Options: {value}",
                "Without nosniff, browsers may guess a response's type and run an uploaded file as script or style."),
        ]);
    }
}
