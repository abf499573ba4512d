using System.ComponentModel.DataAnnotations;

namespace ComplianceLayer.Web.Features.Privacy.Retention;

/// <summary>Retention settings that the privacy policy leaves to the operator (section <c>Privacy</c>).</summary>
public sealed class RetentionOptions : IValidatableObject
{
    public const string SectionName = "Privacy";

    /// <summary>How long an organization's audit events are kept.</summary>
    public TimeSpan AuditEventRetention { get; set; } = TimeSpan.FromDays(730);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Shorter than the longest scan history would delete the trail of data that still exists.
        if (AuditEventRetention < TimeSpan.FromDays(90) || AuditEventRetention > TimeSpan.FromDays(3650))
        {
            yield return new ValidationResult("Privacy:AuditEventRetention must be between 90 days and 10 years.", [nameof(AuditEventRetention)]);
        }
    }
}
