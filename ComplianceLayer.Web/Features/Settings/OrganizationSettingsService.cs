using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Web.Features.Audit;
using ComplianceLayer.Web.Features.Schedules;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Features.Settings;

/// <summary>
/// The Owner corrects the organization's details: its name (the rules of onboarding) and its IANA time zone, in which
/// schedules run — a new time zone rewrites the schedules' triggers. Audited in the same transaction.
/// </summary>
public sealed class OrganizationSettingsService(
    CurrentMember currentMember,
    IDbContextFactory<AppDbContext> dbFactory,
    ScheduleService schedules,
    AuditLog audit)
{
    /// <summary>The IANA time zone ids this server knows, sorted.</summary>
    public static IReadOnlyList<string> TimeZoneIds { get; } = TimeZoneInfo.GetSystemTimeZones()
        .Where(z => z.HasIanaId).Select(z => z.Id).Append("UTC").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public async Task<OrganizationDetails> GetAsync(CancellationToken cancellationToken)
    {
        var member = await currentMember.RequireAsync(Capability.ManageOrganization, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == member.OrganizationId, cancellationToken);
        return new OrganizationDetails(organization.Id, organization.Name, organization.TimeZone);
    }

    public async Task<OrganizationDetails> UpdateAsync(OrganizationDetailsInput input, CancellationToken cancellationToken)
    {
        var member = await currentMember.RequireAsync(Capability.ManageOrganization, cancellationToken);
        var name = (input.Name ?? string.Empty).Trim();
        if (name.Length is 0 or > Organization.NameMaxLength)
        {
            throw new ValidationFailedException($"An organization name is required (at most {Organization.NameMaxLength} characters).");
        }
        var timeZone = (input.TimeZone ?? string.Empty).Trim();
        if (!IsIanaTimeZone(timeZone))
        {
            throw new ValidationFailedException($"\"{timeZone}\" is not a known IANA time zone (for example Europe/Amsterdam or America/New_York).");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var organization = await db.Organizations.SingleAsync(o => o.Id == member.OrganizationId, cancellationToken);
        var changes = new List<string>();
        if (organization.Name != name)
        {
            changes.Add($"name from \"{organization.Name}\" to \"{name}\"");
            organization.Name = name;
        }
        var timeZoneChanged = organization.TimeZone != timeZone;
        if (timeZoneChanged)
        {
            changes.Add($"time zone from {organization.TimeZone} to {timeZone}");
            organization.TimeZone = timeZone;
        }
        if (changes.Count > 0)
        {
            audit.Record(db, member, "organization.updated", "organization", organization.Id.ToString(), $"Changed the {string.Join(" and the ", changes)}.");
            await db.SaveChangesAsync(cancellationToken);
        }
        if (timeZoneChanged)
        {
            await schedules.ResyncAsync(cancellationToken);
        }
        return new OrganizationDetails(organization.Id, organization.Name, organization.TimeZone);
    }

    public static bool IsIanaTimeZone(string id) =>
        id.Length > 0 && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && (zone.HasIanaId || id == "UTC");
}
