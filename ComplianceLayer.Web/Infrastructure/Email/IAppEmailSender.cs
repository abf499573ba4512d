namespace ComplianceLayer.Web.Infrastructure.Email;

/// <summary>Sends one plain-text-plus-HTML message. Implemented by SMTP or by the log.</summary>
public interface IAppEmailSender
{
    Task SendAsync(string recipient, string subject, string htmlBody, CancellationToken cancellationToken);
}
