using System.ComponentModel.DataAnnotations;

namespace ComplianceLayer.Web.Infrastructure.Scheduling;

/// <summary>The in-process Quartz scheduler (persistent PostgreSQL job store, clustered).</summary>
public sealed class JobSchedulerOptions
{
    public const string SectionName = "Quartz";

    /// <summary>Jobs (scans) this node runs at once.</summary>
    [Range(1, 256)]
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>Start the scheduler with the app. Off for verbs and for tests that drive jobs by hand.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often nodes check in; a node silent for longer is considered dead and its jobs recovered.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(7);

    /// <summary>Scans running at once per organization, so one tenant cannot starve the others.</summary>
    [Range(1, 1000)]
    public int MaxConcurrentScansPerOrganization { get; set; } = 4;

    /// <summary>How long a scan waits before it asks again when its organization is at its cap.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan OrganizationCapRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The longest a schedule spreads its domains' scans over when it fires (they start
    /// <see cref="ScheduleJitterPerDomain"/> apart, up to this window), so 500 domains do not start in the same second.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "06:00:00")]
    public TimeSpan ScheduleJitterWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The spacing between the scans of one schedule's domains, until <see cref="ScheduleJitterWindow"/> is filled.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ScheduleJitterPerDomain { get; set; } = TimeSpan.FromSeconds(2);
}
