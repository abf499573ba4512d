namespace ComplianceLayer.Web.Features.Webhooks;

public static class WebhookServiceCollectionExtensions
{
    public static WebApplicationBuilder AddWebhooks(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.MaxRetryDelay >= o.RetryBaseDelay, "Webhooks:MaxRetryDelay must not be shorter than Webhooks:RetryBaseDelay.")
            .ValidateOnStart();
        builder.Services.AddSingleton<WebhookSecrets>();
        builder.Services.AddSingleton<WebhookUrlPolicy>();
        builder.Services.AddScoped<WebhookDispatcher>();
        builder.Services.AddScoped<WebhookDeliverer>();
        builder.Services.AddScoped<WebhookService>();
        return builder;
    }
}
