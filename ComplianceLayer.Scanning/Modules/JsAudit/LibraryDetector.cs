using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace ComplianceLayer.Scanning.Modules.JsAudit;

/// <summary>A library name and version an extractor found.</summary>
public sealed record LibraryVersion(string Name, string Version);

/// <summary>retire.js's extractors applied to a URL or to a script's text.</summary>
public static class LibraryDetector
{
    /// <summary><c>uri</c> patterns on the whole URL, <c>filename</c> patterns on its last path segment.</summary>
    public static IReadOnlyList<LibraryVersion> FromUrl(RetireRepository repository, Uri url)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(url);
        var whole = url.ToString();
        var fileName = Uri.UnescapeDataString(url.AbsolutePath.Split('/')[^1]);
        var found = new List<LibraryVersion>();
        foreach (var library in repository.Libraries)
        {
            found.AddRange(library.Uri.SelectMany(p => Versions(p, whole)).Select(v => new LibraryVersion(library.Name, v)));
            found.AddRange(library.Filename.SelectMany(p => Versions(p, fileName)).Select(v => new LibraryVersion(library.Name, v)));
        }

        return [.. found.Distinct()];
    }

    /// <summary>
    /// <c>filecontent</c> patterns; for a library none of them matches, <c>filecontentreplace</c>; then, only for a complete
    /// file, the SHA-1 <c>hashes</c>. CRLF is normalised to LF first, as retire.js does.
    /// </summary>
    public static IReadOnlyList<LibraryVersion> FromContent(RetireRepository repository, string content, bool complete)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(content);
        var text = content.Replace("\r\n", "\n", StringComparison.Ordinal);
        var found = new List<LibraryVersion>();
        foreach (var library in repository.Libraries)
        {
            var versions = library.FileContent.SelectMany(p => Versions(p, text)).ToList();
            if (versions.Count == 0)
            {
                versions.AddRange(library.FileContentReplace.SelectMany(r => Replaced(r, text)));
            }

            found.AddRange(versions.Select(v => new LibraryVersion(library.Name, v)));
        }

        if (complete && found.Count == 0)
        {
#pragma warning disable CA5350 // retire.js keys known files by SHA-1: an identifier here, not a security control.
            var hash = Convert.ToHexStringLower(SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5350
            found.AddRange(repository.Libraries.Where(l => l.Hashes.ContainsKey(hash)).Select(l => new LibraryVersion(l.Name, l.Hashes[hash])));
        }

        return [.. found.Distinct()];
    }

    private static List<string> Versions(Regex pattern, string input)
    {
        var versions = new List<string>();
        try
        {
            for (var match = pattern.Match(input); match.Success; match = match.NextMatch())
            {
                if (match.Groups.Count > 1 && match.Groups[1].Success && match.Groups[1].Length > 0)
                {
                    versions.Add(RetireRepository.CleanVersion(match.Groups[1].Value));
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // A pathological input for this one pattern: what it found so far still stands, the others still run.
        }

        return versions;
    }

    private static List<string> Replaced(RetireReplaceExtractor extractor, string input)
    {
        var versions = new List<string>();
        try
        {
            for (var match = extractor.Pattern.Match(input); match.Success; match = match.NextMatch())
            {
                versions.Add(RetireRepository.CleanVersion(extractor.Pattern.Replace(match.Value, extractor.Replacement, 1)));
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // As above.
        }

        return versions;
    }
}
