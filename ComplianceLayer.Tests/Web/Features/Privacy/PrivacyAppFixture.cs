using System.Collections.Concurrent;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Web.Features.Billing;
using ComplianceLayer.Web.Infrastructure.Email;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceLayer.Tests.Web.Features.Privacy;

/// <summary>The app with a recording e-mail sender and a recording subscription canceller (billing is another feature).</summary>
public sealed class PrivacyAppFixture : WebAppFixture
{
    public RecordingEmailSender Emails { get; } = new();

    public RecordingSubscriptionCanceller Subscriptions { get; } = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<IAppEmailSender>(Emails);
        services.AddSingleton<ISubscriptionCanceller>(Subscriptions);
    }
}

public sealed class RecordingSubscriptionCanceller : ISubscriptionCanceller
{
    private readonly ConcurrentQueue<Guid> _canceled = new();

    public IReadOnlyList<Guid> Canceled => [.. _canceled];

    public Task CancelImmediatelyAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        _canceled.Enqueue(organizationId);
        return Task.CompletedTask;
    }
}
