using System.Text.Encodings.Web;
using ComplianceLayer.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;

namespace ComplianceLayer.Web.Infrastructure.Email;

/// <summary>Identity's account e-mails (confirmation, password reset) through the configured sender.</summary>
public sealed class IdentityEmailSender(IAppEmailSender sender) : IEmailSender<ApplicationUser>
{
    public Task SendConfirmationLinkAsync(ApplicationUser user, string email, string confirmationLink) =>
        sender.SendAsync(email, "Confirm your ComplianceLayer account",
            $"Please confirm your account by <a href='{HtmlEncoder.Default.Encode(confirmationLink)}'>clicking here</a>.\nLink: {confirmationLink}",
            CancellationToken.None);

    public Task SendPasswordResetLinkAsync(ApplicationUser user, string email, string resetLink) =>
        sender.SendAsync(email, "Reset your ComplianceLayer password",
            $"Reset your password by <a href='{HtmlEncoder.Default.Encode(resetLink)}'>clicking here</a>.\nLink: {resetLink}",
            CancellationToken.None);

    public Task SendPasswordResetCodeAsync(ApplicationUser user, string email, string resetCode) =>
        sender.SendAsync(email, "Reset your ComplianceLayer password",
            $"Reset your password using the following code: {HtmlEncoder.Default.Encode(resetCode)}",
            CancellationToken.None);
}
