namespace ComplianceLayer.Web.Features.Billing;

/// <summary>Ends an organization's paid subscription at once (account deletion); does nothing when it has none.</summary>
public interface ISubscriptionCanceller
{
    Task CancelImmediatelyAsync(Guid organizationId, CancellationToken cancellationToken);
}
