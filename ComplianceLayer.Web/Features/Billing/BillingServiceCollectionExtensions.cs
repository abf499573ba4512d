using Microsoft.Extensions.Options;

namespace ComplianceLayer.Web.Features.Billing;

public static class BillingServiceCollectionExtensions
{
    /// <summary>Plans (validated at start-up), Stripe (optional: all keys or none), the plan guard, webhooks and the billing page's service.</summary>
    public static WebApplicationBuilder AddBilling(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<BillingOptions>().BindConfiguration(BillingOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<BillingOptions>, BillingOptionsValidator>();
        builder.Services.AddOptions<StripeOptions>().BindConfiguration(StripeOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<StripeOptions>, StripeOptionsValidator>();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<BillingOptions>>().Value.ToCatalog());
        builder.Services.AddSingleton<StripeGateway>();
        builder.Services.AddSingleton<SubscriptionSync>();
        builder.Services.AddScoped<PlanGuard>();
        builder.Services.AddScoped<StripeWebhookHandler>();
        builder.Services.AddScoped<BillingService>();
        builder.Services.AddScoped<ISubscriptionCanceller, StripeSubscriptionCanceller>();
        return builder;
    }
}

/// <summary>Fails start-up with every problem of Billing:* spelled out.</summary>
internal sealed class BillingOptionsValidator : IValidateOptions<BillingOptions>
{
    public ValidateOptionsResult Validate(string? name, BillingOptions options) =>
        options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}

/// <summary>Fails start-up when Stripe is half configured or a key has the wrong shape.</summary>
internal sealed class StripeOptionsValidator : IValidateOptions<StripeOptions>
{
    public ValidateOptionsResult Validate(string? name, StripeOptions options) =>
        options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
