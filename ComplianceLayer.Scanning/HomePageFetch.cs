using ComplianceLayer.Scanning.Net;

namespace ComplianceLayer.Scanning;

/// <summary>The home page fetched once per scan (with its redirect chain), or why it could not be.</summary>
public sealed record HomePageFetch(Uri Url, GuardedHttpResponse? Response, string? Error)
{
    public bool Succeeded => Response is not null;
}
