namespace ComplianceLayer.Web.Infrastructure.Email;

/// <summary>Development sender: writes the whole message, links included, to the log.</summary>
public sealed class LogEmailSender(ILogger<LogEmailSender> logger) : IAppEmailSender
{
    public Task SendAsync(string recipient, string subject, string htmlBody, CancellationToken cancellationToken)
    {
        logger.LogWarning("Email (no SMTP configured) to {Recipient}: {Subject}\n{Body}", recipient, subject, htmlBody);
        return Task.CompletedTask;
    }
}
