namespace ComplianceLayer.Web.Features.Privacy.Retention;

/// <summary>How many rows of one organization a retention rule deleted (read from SQL, hence settable).</summary>
public sealed class RetentionCount
{
    public Guid OrganizationId { get; set; }

    public int Rows { get; set; }
}
