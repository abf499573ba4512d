namespace ComplianceLayer.Scanning.Modules.Cookies;

/// <summary>One Set-Cookie seen on the home page or a redirect hop, with the URL whose response set it.</summary>
public sealed record ObservedCookie(SetCookie Cookie, Uri SetBy)
{
    public bool SetOverHttps => SetBy.Scheme == Uri.UriSchemeHttps;
}

/// <summary>What the cookies module measured.</summary>
public sealed record CookiesFacts
{
    /// <summary>The home page the cookies came from (final URL).</summary>
    public required Uri FinalUrl { get; init; }

    /// <summary>The cookies were read from the HTTPS site (Secure is then expected).</summary>
    public required bool SiteIsHttps { get; init; }

    /// <summary>The HTTPS site sends a valid HSTS header with max-age &gt; 0, which shrinks the risk of a missing Secure flag.</summary>
    public bool HstsActive { get; init; }

    public required IReadOnlyList<ObservedCookie> Cookies { get; init; }

    /// <summary>Set-Cookie lines browsers would ignore (no name and no value).</summary>
    public int Unparsable { get; init; }

    public required DateTimeOffset Now { get; init; }
}
