using System.Text.RegularExpressions;
using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Scoring;

namespace ComplianceLayer.Scanning.Modules.Headers.Checks;

/// <summary>Software versions in Server / X-Powered-By style headers (info: it helps attackers pick exploits, nothing more).</summary>
public static partial class VersionDisclosureCheck
{
    public const string Name = "version_disclosure";

    private static readonly string[] Disclosing = ["Server", "X-Powered-By", "X-AspNet-Version", "X-AspNetMvc-Version"];

    public static CheckResult Run(HeadersFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var issues = new List<Issue>();
        foreach (var header in Disclosing)
        {
            var value = facts.Headers.GetValues(header).FirstOrDefault(v => Version().IsMatch(v));
            if (value is not null)
            {
                issues.Add(new Issue(ModuleKeys.Headers, HeadersCodes.VersionDisclosed, Severity.Info,
                    $"{header} header discloses a software version",
                    $"Remove the version from {header} (or the header itself).",
                    $"{header}: {value}",
                    "Version numbers let attackers match known vulnerabilities without probing.",
                    subject: header.ToLowerInvariant()));
            }
        }

        return CheckResult.From(Name, issues);
    }

    [GeneratedRegex(@"(?:/\s*v?\d|\b\d+\.\d+)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Version();
}
