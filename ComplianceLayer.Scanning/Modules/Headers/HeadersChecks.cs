using ComplianceLayer.Scanning.Modules.Headers.Checks;

namespace ComplianceLayer.Scanning.Modules.Headers;

/// <summary>All pure checks of the headers module, in report order.</summary>
public static class HeadersChecks
{
    public static IReadOnlyList<CheckResult> Run(HeadersFacts facts) =>
    [
        HstsCheck.Run(facts),
        CspCheck.Run(facts),
        FramingCheck.Run(facts),
        ContentTypeOptionsCheck.Run(facts),
        ReferrerPolicyCheck.Run(facts),
        PermissionsPolicyCheck.Run(facts),
        VersionDisclosureCheck.Run(facts),
        CorsCheck.Run(facts),
    ];
}
