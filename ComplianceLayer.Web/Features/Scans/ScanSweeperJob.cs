using Quartz;

namespace ComplianceLayer.Web.Features.Scans;

/// <summary>Every minute: hands lost scans back to the queue (see <see cref="ScanSweeper"/>).</summary>
[DisallowConcurrentExecution]
public sealed class ScanSweeperJob(ScanSweeper sweeper) : IJob
{
    public static readonly JobKey Key = new("scan-sweeper", "maintenance");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await sweeper.SweepAsync(cancellationToken);
}
