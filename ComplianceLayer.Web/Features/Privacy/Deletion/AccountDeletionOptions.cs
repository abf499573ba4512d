using System.ComponentModel.DataAnnotations;

namespace ComplianceLayer.Web.Features.Privacy.Deletion;

/// <summary>Account deletion settings (section <c>Privacy</c>).</summary>
public sealed class AccountDeletionOptions : IValidatableObject
{
    public const string SectionName = "Privacy";

    /// <summary>The privacy policy promises that a deletion request is processed within 30 days.</summary>
    public static readonly TimeSpan PolicyDeadline = TimeSpan.FromDays(30);

    /// <summary>How long the Owner can undo a deletion before <see cref="AccountDeletionJob"/> completes it.</summary>
    public TimeSpan DeletionGracePeriod { get; set; } = TimeSpan.FromDays(7);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // The hourly job may complete a due deletion up to one interval late; that too must fit the policy.
        var longest = PolicyDeadline - AccountDeletionJob.Interval;
        if (DeletionGracePeriod < TimeSpan.Zero || DeletionGracePeriod > longest)
        {
            yield return new ValidationResult(
                $"Privacy:DeletionGracePeriod must be between 0 and {longest} (the privacy policy deletes within 30 days; the deletion job runs hourly).",
                [nameof(DeletionGracePeriod)]);
        }
    }
}
