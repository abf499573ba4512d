using System.Collections.Concurrent;
using ComplianceLayer.Web.Infrastructure.Email;

namespace ComplianceLayer.Tests.Fixtures;

public sealed record SentEmail(string Recipient, string Subject, string HtmlBody);

/// <summary>An e-mail sender that keeps what it was asked to send, for tests to read (register it in a fixture's services).</summary>
public sealed class RecordingEmailSender : IAppEmailSender
{
    private readonly ConcurrentQueue<SentEmail> _sent = new();

    public IReadOnlyList<SentEmail> Sent => [.. _sent];

    public IReadOnlyList<SentEmail> To(string recipient) =>
        _sent.Where(m => string.Equals(m.Recipient, recipient, StringComparison.OrdinalIgnoreCase)).ToList();

    public Task SendAsync(string recipient, string subject, string htmlBody, CancellationToken cancellationToken)
    {
        _sent.Enqueue(new SentEmail(recipient, subject, htmlBody));
        return Task.CompletedTask;
    }
}
