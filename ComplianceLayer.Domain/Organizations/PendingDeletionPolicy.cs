namespace ComplianceLayer.Domain.Organizations;

/// <summary>
/// While an organization waits for its deletion (the undo grace period) it is read-only for everyone: members may
/// look, export and read the audit log, and the Owner may undo; nothing else changes, so nothing new is created
/// that the deletion would then have to find.
/// </summary>
public static class PendingDeletionPolicy
{
    public const string ReadOnlyMessage =
        "This organization is scheduled for deletion and is read-only. An Owner can undo the deletion in Settings → Delete account.";

    public static bool Allows(Capability capability) =>
        capability is Capability.ViewData or Capability.ExportData or Capability.ViewAuditLog or Capability.DeleteOrganization;
}
