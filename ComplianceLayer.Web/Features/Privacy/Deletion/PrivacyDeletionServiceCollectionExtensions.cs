using ComplianceLayer.Web.Features.Billing;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ComplianceLayer.Web.Features.Privacy.Deletion;

public static class PrivacyDeletionServiceCollectionExtensions
{
    public static IServiceCollection AddPrivacyDeletion(this IServiceCollection services)
    {
        services.AddOptions<AccountDeletionOptions>().BindConfiguration(AccountDeletionOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        // The billing feature registers the Stripe canceller; without it an organization with a subscription cannot be deleted.
        services.TryAddScoped<ISubscriptionCanceller, NoSubscriptionCanceller>();
        services.AddScoped<AccountDeletion>();
        services.AddSingleton<OrganizationPurge>();
        services.AddSingleton<UserAccountDeletion>();
        return services;
    }
}
