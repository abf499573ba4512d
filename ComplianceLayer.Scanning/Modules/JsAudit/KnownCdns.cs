namespace ComplianceLayer.Scanning.Modules.JsAudit;

/// <summary>Public CDNs whose URLs name the library and version, so that a URL match there is as good as the file.</summary>
public static class KnownCdns
{
    private static readonly HashSet<string> Hosts = new(StringComparer.OrdinalIgnoreCase)
    {
        "cdnjs.cloudflare.com",
        "cdn.jsdelivr.net",
        "fastly.jsdelivr.net",
        "unpkg.com",
        "code.jquery.com",
        "ajax.googleapis.com",
        "ajax.aspnetcdn.com",
        "stackpath.bootstrapcdn.com",
        "maxcdn.bootstrapcdn.com",
        "netdna.bootstrapcdn.com",
        "cdn.datatables.net",
        "cdn.ckeditor.com",
        "cdn.tiny.cloud",
    };

    public static bool Contains(string host) => Hosts.Contains(host.TrimEnd('.'));
}
