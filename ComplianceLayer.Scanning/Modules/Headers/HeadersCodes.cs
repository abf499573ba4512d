namespace ComplianceLayer.Scanning.Modules.Headers;

/// <summary>Finding codes of the <c>headers</c> module. Never renamed once shipped.</summary>
public static class HeadersCodes
{
    public const string HttpsUnavailable = "headers.https.unavailable";

    public const string HstsMissing = "headers.hsts.missing";
    public const string HstsShortMaxAge = "headers.hsts.short_max_age";
    public const string HstsNoIncludeSubDomains = "headers.hsts.no_include_subdomains";
    public const string HstsPreloadIneligible = "headers.hsts.preload_ineligible";

    public const string CspMissing = "headers.csp.missing";
    public const string CspReportOnly = "headers.csp.report_only";
    public const string CspScriptsUnrestricted = "headers.csp.scripts_unrestricted";
    public const string CspUnsafeInline = "headers.csp.unsafe_inline";
    public const string CspUnsafeEval = "headers.csp.unsafe_eval";
    public const string CspBroadScriptSource = "headers.csp.broad_script_source";
    public const string CspObjectSrcUnrestricted = "headers.csp.object_src_unrestricted";
    public const string CspBaseUriMissing = "headers.csp.base_uri_missing";

    public const string FramingMissing = "headers.framing.missing";
    public const string ContentTypeOptionsMissing = "headers.xcto.missing";
    public const string ReferrerPolicyMissing = "headers.referrer_policy.missing";
    public const string ReferrerPolicyUnsafe = "headers.referrer_policy.unsafe";
    public const string PermissionsPolicyMissing = "headers.permissions_policy.missing";
    public const string VersionDisclosed = "headers.version_disclosed";

    public const string CorsOriginReflectedWithCredentials = "headers.cors.origin_reflected_with_credentials";
    public const string CorsNullOriginWithCredentials = "headers.cors.null_origin_with_credentials";
    public const string CorsOriginReflected = "headers.cors.origin_reflected";
    public const string CorsWildcardWithCredentials = "headers.cors.wildcard_with_credentials";
}
