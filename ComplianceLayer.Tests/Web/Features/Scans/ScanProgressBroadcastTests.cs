using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Web.Features.Scans;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceLayer.Tests.Web.Features.Scans;

[Trait("Category", "Integration")]
public sealed class ScanProgressBroadcastTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task Publish_OnOneNode_ReachesListenersOfAnotherNodeForThatOrganizationOnly()
    {
        // A second app process-equivalent on the same database.
        await using var otherNode = new AppFactory(app.ConnectionString, new Dictionary<string, string?> { ["Quartz:Enabled"] = "false" });
        var hub = otherNode.Services.GetRequiredService<ScanProgressHub>();
        var organization = Guid.NewGuid();
        var received = new TaskCompletionSource<ScanProgressEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        var strangers = 0;
        using var mine = hub.Subscribe(organization, e => received.TrySetResult(e));
        using var theirs = hub.Subscribe(Guid.NewGuid(), _ => Interlocked.Increment(ref strangers));

        var broadcaster = app.Services.GetRequiredService<ScanProgressBroadcaster>();
        var sent = new ScanProgressEvent(organization, Guid.NewGuid(), Guid.NewGuid(), ScanStatus.Running, "ssl", 88);
        // The listener connects in the background: publish until it hears, within a bounded time.
        for (var attempt = 0; attempt < 50 && !received.Task.IsCompleted; attempt++)
        {
            await broadcaster.PublishAsync(sent);
            await Task.WhenAny(received.Task, Task.Delay(200));
        }

        Assert.True(received.Task.IsCompleted, "no notification arrived within 10 s");
        Assert.Equal(sent, await received.Task);
        Assert.Equal(0, strangers);
    }
}
