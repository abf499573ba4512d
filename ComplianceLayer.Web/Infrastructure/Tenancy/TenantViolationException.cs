namespace ComplianceLayer.Web.Infrastructure.Tenancy;

/// <summary>A write that would cross organizations. Always a bug or an attack; never shown as a normal error.</summary>
public sealed class TenantViolationException(string message) : InvalidOperationException(message)
{
}
