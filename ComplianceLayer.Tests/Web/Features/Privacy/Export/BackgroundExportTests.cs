using System.Net;
using ComplianceLayer.Domain.Privacy;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Tests.Web.Features.Reports;
using ComplianceLayer.Web.Features.Privacy.Export;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceLayer.Tests.Web.Features.Privacy.Export;

/// <summary>The app with Quartz running, a small direct-download limit and a private exports directory.</summary>
public sealed class ExportJobAppFixture : WebAppFixture
{
    public string ExportsDirectory { get; } = Path.Combine(Path.GetTempPath(), $"cl-exports-{Guid.NewGuid():N}");

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Quartz:ClusterCheckinInterval"] = "00:00:02",
        ["Exports:Directory"] = ExportsDirectory,
        ["Exports:DirectDownloadMaxScans"] = "10",
        ["Exports:LinkLifetime"] = "01:00:00",
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(ExportsDirectory))
        {
            Directory.Delete(ExportsDirectory, recursive: true);
        }
    }
}

[Trait("Category", "Integration")]
public sealed class BackgroundExportTests(ExportJobAppFixture app) : IClassFixture<ExportJobAppFixture>
{
    [Fact]
    public async Task RequestAsync_LargeExport_RunsAsJob_DownloadsUntilExpiry_ThenGone_AndIsNotFoundForAnotherOrganization()
    {
        var owner = await app.NewOwnerAsync("Background MSP");
        var other = await app.NewOwnerAsync("Elsewhere MSP");
        var domainId = await app.SeedDomainWithScansAsync(owner.Org, "big.example.com", [DateTimeOffset.UtcNow.AddHours(-1)]);
        var scanId = await app.QueryAsync(owner.Org, db => db.Scans.Where(s => s.DomainId == domainId).Select(s => s.Id).SingleAsync());
        await app.CopyScanAsync(scanId, 1199);

        var plan = (await app.ExportsAsync(owner, e => e.PlanAsync(ScanExportFilter.Organization(), CancellationToken.None)))!;
        Assert.False(plan.Direct);
        Assert.Equal(1200, plan.Scans);
        var exportId = await app.ExportsAsync(owner, e => e.RequestAsync(plan, ExportFormat.Csv, CancellationToken.None));

        var export = await WaitForAsync(owner.Org, exportId, s => s is ExportStatus.Completed or ExportStatus.Failed);
        Assert.Equal(ExportStatus.Completed, export.Status);
        Assert.Equal(1200, export.RowsDone);
        Assert.Equal(1200, export.RowsTotal);
        Assert.NotNull(export.ExpiresAt);
        var path = Path.Combine(app.ExportsDirectory, export.FileName!);
        Assert.True(File.Exists(path));
        Assert.Equal(1201, File.ReadLines(path).Count());

        var listed = await app.ExportsAsync(owner, e => e.ListAsync(0, 10, CancellationToken.None));
        Assert.Equal(exportId, Assert.Single(listed.Items).Id);
        Assert.Empty((await app.ExportsAsync(other, e => e.ListAsync(0, 10, CancellationToken.None))).Items);
        Assert.Single(await app.AuditEventsAsync(owner.Org, "export.requested"));

        using var client = await app.SignedInClientAsync(owner);
        using var stranger = await app.SignedInClientAsync(other);
        var url = "/" + ScanExportEndpoints.DownloadPath(export.Token);
        var download = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(1201, ExportTestSupport.ParseCsv(await download.Content.ReadAsStringAsync()).Count);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/" + ScanExportEndpoints.DownloadPath("not-a-token"))).StatusCode);

        // The link's time is up: 410 at once, and the sweep deletes the file.
        await app.QueryAsync(owner.Org, db => db.ExportRequests.Where(e => e.Id == exportId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        Assert.Equal(HttpStatusCode.Gone, (await client.GetAsync(url)).StatusCode);
        Assert.Equal(1, await app.Services.GetRequiredService<ExportExpirySweeper>().RunAsync(CancellationToken.None));
        Assert.False(File.Exists(path));
        Assert.Equal(ExportStatus.Expired, (await WaitForAsync(owner.Org, exportId, _ => true)).Status);
        Assert.Equal(HttpStatusCode.Gone, (await client.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task RequestAsync_Json_WritesAnArrayOfReports()
    {
        var owner = await app.NewOwnerAsync("Json Background MSP");
        var domainId = await app.SeedDomainWithScansAsync(owner.Org, "bigjson.example.com", [DateTimeOffset.UtcNow.AddHours(-1)]);
        var scanId = await app.QueryAsync(owner.Org, db => db.Scans.Where(s => s.DomainId == domainId).Select(s => s.Id).SingleAsync());
        await app.CopyScanAsync(scanId, 20);

        var exportId = await app.ExportsAsync(owner, async e => await e.RequestAsync(
            (await e.PlanAsync(new ScanExportFilter(ExportScope.Domain, domainId, null, null), CancellationToken.None))!, ExportFormat.Json, CancellationToken.None));

        var export = await WaitForAsync(owner.Org, exportId, s => s is ExportStatus.Completed or ExportStatus.Failed);
        Assert.Equal(ExportStatus.Completed, export.Status);
        using var document = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(app.ExportsDirectory, export.FileName!)));
        Assert.Equal(21, document.RootElement.GetArrayLength());
    }

    private async Task<ExportRequest> WaitForAsync(Guid organizationId, Guid exportId, Func<ExportStatus, bool> done)
    {
        // A generous bound so that a job that never runs fails the test instead of hanging it; not a timing assertion.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            var export = await app.QueryAsync(organizationId, db => db.ExportRequests.AsNoTracking().SingleAsync(e => e.Id == exportId));
            if (done(export.Status))
            {
                return export;
            }
            await Task.Delay(200, timeout.Token);
        }
    }
}
