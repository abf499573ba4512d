namespace ComplianceLayer.Web.Features.Privacy.Deletion;

public static class PrivacyDeletionServiceCollectionExtensions
{
    public static IServiceCollection AddPrivacyDeletion(this IServiceCollection services)
    {
        services.AddOptions<AccountDeletionOptions>().BindConfiguration(AccountDeletionOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<AccountDeletion>();
        services.AddSingleton<OrganizationPurge>();
        services.AddSingleton<UserAccountDeletion>();
        return services;
    }
}
