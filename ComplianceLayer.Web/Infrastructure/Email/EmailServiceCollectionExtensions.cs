using ComplianceLayer.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ComplianceLayer.Web.Infrastructure.Email;

public static class EmailServiceCollectionExtensions
{
    public static WebApplicationBuilder AddEmail(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SmtpEmailSender>();
        builder.Services.AddSingleton<LogEmailSender>();
        builder.Services.AddSingleton<IAppEmailSender>(sp =>
            sp.GetRequiredService<IOptions<EmailOptions>>().Value.IsSmtpConfigured
                ? sp.GetRequiredService<SmtpEmailSender>()
                : sp.GetRequiredService<LogEmailSender>());
        builder.Services.AddSingleton<IEmailSender<ApplicationUser>, IdentityEmailSender>();
        return builder;
    }
}
