namespace ComplianceLayer.Domain.Schedules;

/// <summary>How often a schedule runs. Stored by name, so the order may change.</summary>
public enum ScheduleCadence
{
    Daily,
    Weekly,
    Monthly,
}
