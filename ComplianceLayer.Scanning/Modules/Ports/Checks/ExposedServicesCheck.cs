using System.Globalization;
using System.Net;
using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Scoring;

namespace ComplianceLayer.Scanning.Modules.Ports.Checks;

/// <summary>An open port with the service on it.</summary>
/// <param name="Unverified">Identified by port number only on an address that accepts connections on any port: proves nothing.</param>
public sealed record OpenPortAssessment(PortObservation Observation, ServiceIdentity Identity, bool Unverified);

/// <summary>One finding per exposed service and port (<c>ports.exposed.rdp:3389</c>), covering every address it was open on.</summary>
public static class ExposedServicesCheck
{
    public static IReadOnlyList<OpenPortAssessment> Assess(PortScanFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var acceptAny = AcceptsAnyPortCheck.AddressesAcceptingAnyPort(facts);
        return facts.Observations
            .Where(o => o.IsOpen)
            .OrderBy(o => o.Port)
            .ThenBy(o => o.Address.ToString(), StringComparer.Ordinal)
            .Select(o =>
            {
                var identity = ServiceIdentificationCheck.Identify(o.Port, o.Banner);
                return new OpenPortAssessment(o, identity, identity.By == IdentifiedBy.Port && acceptAny.Contains(o.Address));
            })
            .ToList();
    }

    public static IReadOnlyList<Issue> Run(PortScanFacts facts)
    {
        var reportable = Assess(facts)
            .Where(a => a.Identity.Service.Code is not null && !a.Unverified)
            .Where(a => !(a.Identity.Service == ServiceCatalog.Smtp && facts.MxAddresses.Contains(a.Observation.Address)));
        return reportable
            .GroupBy(a => (a.Identity.Service.Key, a.Observation.Port))
            .Select(g => ToIssue(g.ToList()))
            .ToList();
    }

    private static Issue ToIssue(List<OpenPortAssessment> group)
    {
        var first = group[0];
        var service = first.Identity.Service;
        var port = first.Observation.Port.ToString(CultureInfo.InvariantCulture);
        var byBanner = group.Any(a => a.Identity.By == IdentifiedBy.Banner);
        var authRequired = group.All(a => a.Identity.AuthenticationRequired == true);
        var severity = service == ServiceCatalog.Redis && authRequired ? Severity.High : service.Severity;

        var title = service == ServiceCatalog.Other
            ? $"Port {port} is open to the internet (service not identified)"
            : byBanner
                ? $"{service.Name}{(authRequired ? " (authentication required)" : "")} is open to the internet on port {port}"
                : $"Port {port} ({service.Name}) is open to the internet";

        var notes = group.Select(a => a.Identity.Note).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var detail = string.Join(' ', new[]
        {
            service.Risk,
            notes.Count > 0 ? $"Banner: {string.Join("; ", notes)}." : null,
            byBanner || service == ServiceCatalog.Other
                ? null
                : "The service was inferred from the port number: it sent no banner that identifies it (many such services wait for the client to speak first).",
        }.OfType<string>());

        return new Issue(
            ModuleKeys.Ports,
            service.Code!,
            severity,
            title,
            service.Remediation,
            string.Join("; ", group.Select(Evidence)),
            detail,
            subject: port);
    }

    private static string Evidence(OpenPortAssessment assessment)
    {
        var endPoint = new IPEndPoint(assessment.Observation.Address, assessment.Observation.Port).ToString();
        var banner = BannerText.Printable(assessment.Observation.Banner, 120);
        return banner.Length > 0
            ? $"TCP connect to {endPoint} succeeded; banner: {banner}"
            : $"TCP connect to {endPoint} succeeded; no banner";
    }
}
