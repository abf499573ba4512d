using ComplianceLayer.Domain.Scans;

namespace ComplianceLayer.Web.Features.Scans;

/// <summary>A scan's state changed, or one of its modules finished (Module set).</summary>
public sealed record ScanProgressEvent(
    Guid OrganizationId,
    Guid ScanId,
    Guid DomainId,
    ScanStatus Status,
    string? Module = null,
    int? ModuleScore = null,
    int? Score = null,
    string? Grade = null);

/// <summary>
/// Fans scan progress out to the open pages of this process. Listeners receive only their organization's events.
/// </summary>
public sealed class ScanProgressHub
{
    private readonly Lock _gate = new();
    private readonly List<(Guid OrganizationId, Action<ScanProgressEvent> Listener)> _listeners = [];

    public IDisposable Subscribe(Guid organizationId, Action<ScanProgressEvent> listener)
    {
        var entry = (organizationId, listener);
        lock (_gate)
        {
            _listeners.Add(entry);
        }
        return new Subscription(() =>
        {
            lock (_gate)
            {
                _listeners.Remove(entry);
            }
        });
    }

    public void Publish(ScanProgressEvent progress)
    {
        List<Action<ScanProgressEvent>> targets;
        lock (_gate)
        {
            targets = _listeners.Where(l => l.OrganizationId == progress.OrganizationId).Select(l => l.Listener).ToList();
        }
        foreach (var target in targets)
        {
            target(progress);
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
