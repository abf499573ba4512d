namespace ComplianceLayer.Web.Features.Dashboard;

/// <summary>Calendar periods as the organization sees them (its IANA time zone).</summary>
public static class PortfolioPeriod
{
    /// <summary>The start of the current calendar month in <paramref name="timeZoneId"/>, as an instant; UTC when the zone is unknown.</summary>
    public static DateTimeOffset MonthStart(DateTimeOffset now, string? timeZoneId)
    {
        var zone = TimeZoneInfo.Utc;
        if (!string.IsNullOrWhiteSpace(timeZoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var found))
        {
            zone = found;
        }
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var start = new DateTime(local.Year, local.Month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(start))
        {
            // Midnight skipped by a daylight-saving change: the month starts at the first valid moment.
            start = start.AddHours(1);
        }
        return new DateTimeOffset(start, zone.GetUtcOffset(start)).ToUniversalTime();
    }
}
