using System.ComponentModel.DataAnnotations;

namespace ComplianceLayer.Web.Infrastructure.Identity;

/// <summary>Sign-in policy. Lockout: after <see cref="MaxFailedAccessAttempts"/> failures for <see cref="LockoutMinutes"/>.</summary>
public sealed class AccountOptions
{
    public const string SectionName = "Identity";

    /// <summary>Users must confirm their e-mail before signing in.</summary>
    public bool RequireConfirmedAccount { get; set; } = true;

    [Range(3, 20)]
    public int MaxFailedAccessAttempts { get; set; } = 5;

    [Range(1, 1440)]
    public int LockoutMinutes { get; set; } = 15;

    [Range(8, 128)]
    public int RequiredPasswordLength { get; set; } = 10;

    /// <summary>How often an open session re-checks that the user still exists and their security stamp is unchanged.</summary>
    [Range(1, 60)]
    public int RevalidationMinutes { get; set; } = 5;
}
