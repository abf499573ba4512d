using ComplianceLayer.Domain.Privacy;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ComplianceLayer.Web.Features.Privacy.Export;

/// <summary>Runs one export request in the job's own scope and tenant: counts, writes the file with progress, completes or fails.</summary>
public sealed class ScanExportRunner(
    TenantContext tenant,
    IDbContextFactory<AppDbContext> dbFactory,
    ScanHistoryWriter writer,
    ExportFiles files,
    TimeProvider time,
    IOptions<ExportOptions> options,
    ILogger<ScanExportRunner> logger)
{
    public async Task RunAsync(Guid organizationId, Guid exportId, CancellationToken cancellationToken)
    {
        tenant.Set(organizationId);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await db.ExportRequests.SingleOrDefaultAsync(e => e.Id == exportId, cancellationToken);
        if (request is null || !request.IsActive)
        {
            return;
        }
        var filter = new ScanExportFilter(request.Scope, request.ScopeId, request.From, request.To);
        var fileName = ExportFiles.FileNameFor(organizationId, exportId, request.FileExtension);
        var path = files.PathOf(fileName);
        try
        {
            var total = await writer.CountAsync(organizationId, filter, cancellationToken);
            request.Start(total, fileName);
            await db.SaveChangesAsync(cancellationToken);

            Directory.CreateDirectory(files.Root);
            int rows;
            await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                rows = await writer.WriteAsync(organizationId, filter, request.Format, file,
                    (done, ct) => SaveProgressAsync(exportId, done, ct), cancellationToken);
            }
            request.Complete(rows, new FileInfo(path).Length, time.GetUtcNow(), options.Value.LinkLifetime);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Export {Export} of organization {Organization}: {Rows} scans written", exportId, organizationId, rows);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Export {Export} of organization {Organization} failed", exportId, organizationId);
            files.Delete(fileName);
            db.ChangeTracker.Clear();
            var failed = await db.ExportRequests.SingleAsync(e => e.Id == exportId, CancellationToken.None);
            failed.Fail("The export could not be written. Try again, or narrow the date range.", time.GetUtcNow());
            await db.SaveChangesAsync(CancellationToken.None);
        }
    }

    private async Task SaveProgressAsync(Guid exportId, int rowsDone, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.ExportRequests.Where(e => e.Id == exportId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.RowsDone, rowsDone), cancellationToken);
    }
}
