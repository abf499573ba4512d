using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Scoring;

namespace ComplianceLayer.Scanning.Modules.Headers.Checks;

/// <summary>
/// Permissions-Policy presence. Info only: neither the MDN Observatory nor internet.nl scores it; it limits powerful
/// features for the page and its frames, but its absence opens no hole by itself.
/// </summary>
public static class PermissionsPolicyCheck
{
    public const string Name = "permissions_policy";

    public static CheckResult Run(HeadersFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.Headers.Contains("Permissions-Policy"))
        {
            return CheckResult.Pass(Name);
        }

        var legacy = facts.Headers.GetFirst("Feature-Policy");
        return CheckResult.From(Name,
        [
            new Issue(ModuleKeys.Headers, HeadersCodes.PermissionsPolicyMissing, Severity.Info,
                "No Permissions-Policy header",
                "Send a Permissions-Policy that disables features the site does not use, e.g. Permissions-Policy: camera=(), microphone=(), geolocation=().",
                legacy is null ? "no Permissions-Policy header" : $"no Permissions-Policy header; legacy Feature-Policy: {legacy}"),
        ]);
    }
}
