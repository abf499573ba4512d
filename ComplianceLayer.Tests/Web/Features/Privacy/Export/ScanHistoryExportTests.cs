using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Domain.Privacy;
using ComplianceLayer.Domain.Reports;
using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Domain.Scoring;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Tests.Web.Features.Reports;
using ComplianceLayer.Web.Features.Privacy.Export;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Tests.Web.Features.Privacy.Export;

[Trait("Category", "Integration")]
public sealed class ScanHistoryExportTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private static readonly DateTimeOffset Day = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task WriteDirectAsync_Csv_HasOneRowPerCompletedScanWithModuleScoresAndIssueCounts()
    {
        var owner = await app.NewOwnerAsync("Csv MSP");
        var domainId = await app.SeedDomainWithScansAsync(owner.Org, "csv.example.com", [Day.AddDays(-3), Day.AddDays(-2), Day.AddDays(-1)]);
        await app.AddScansAsync(owner.Org, domainId, 1); // a failed scan: not exported

        var rows = ExportTestSupport.ParseCsv(await ExportAsync(owner, new ScanExportFilter(ExportScope.Domain, domainId, null, null), ExportFormat.Csv));

        Assert.Equal(ScanHistoryWriter.CsvHeader, rows[0]);
        Assert.Equal(4, rows.Count);
        var reports = await app.QueryAsync(owner.Org, db => db.Scans.Where(s => s.Status == ScanStatus.Completed).OrderBy(s => s.FinishedAt)
            .Select(s => s.ReportJson!).ToListAsync());
        for (var i = 0; i < 3; i++)
        {
            var row = rows[i + 1];
            var report = ReportJson.Deserialize(reports[i]);
            Assert.Equal("csv.example.com", row[0]);
            Assert.Equal("Client of csv.example.com", row[1]);
            Assert.Equal(Day.AddDays(i - 3).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), row[2]);
            Assert.Equal(report.Score.ToString(CultureInfo.InvariantCulture), row[3]);
            Assert.Equal(ReportJson.ValueOf(report.Grade), row[4]);
            Assert.Equal(ReportJson.ValueOf(report.RiskLevel), row[5]);
            for (var m = 0; m < ModuleKeys.All.Count; m++)
            {
                var expected = report.Modules.TryGetValue(ModuleKeys.All[m], out var module) ? module.Score?.ToString(CultureInfo.InvariantCulture) ?? "" : "";
                Assert.Equal(expected, row[6 + m]);
            }
            // Scan i has i high findings in dns_email and no others.
            Assert.Equal(["0", i.ToString(CultureInfo.InvariantCulture), "0", "0", "0"], row[^5..]);
        }
        Assert.NotEqual(rows[1][6 + ModuleKeys.All.ToList().IndexOf(ModuleKeys.DnsEmail)], rows[3][6 + ModuleKeys.All.ToList().IndexOf(ModuleKeys.DnsEmail)]);
        Assert.Equal("", rows[1][6 + ModuleKeys.All.ToList().IndexOf(ModuleKeys.Waf)]); // not tested in the first scan
    }

    [Fact]
    public async Task WriteDirectAsync_Json_IsAnArrayOfTheFullReportsInContractOrder()
    {
        var owner = await app.NewOwnerAsync("Json MSP");
        var domainId = await app.SeedDomainWithScansAsync(owner.Org, "json.example.com", [Day.AddDays(-2), Day.AddDays(-1)]);

        using var document = JsonDocument.Parse(await ExportAsync(owner, new ScanExportFilter(ExportScope.Domain, domainId, null, null), ExportFormat.Json));

        var reports = document.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, reports.Count);
        foreach (var report in reports)
        {
            Assert.Equal(["domain", "score", "grade", "risk_level", "report_id"], report.EnumerateObject().Take(5).Select(p => p.Name));
            Assert.Equal("json.example.com", report.GetProperty("domain").GetString());
            Assert.True(report.GetProperty("modules").TryGetProperty("ssl", out _));
        }
        Assert.Equal(1, reports[1].GetProperty("issues").GetArrayLength());
    }

    [Fact]
    public async Task PlanAsync_DateRangeAndScope_SelectOnlyMatchingScans()
    {
        var owner = await app.NewOwnerAsync("Filter MSP");
        var a = await app.SeedDomainWithScansAsync(owner.Org, "a.filter.example", [Day.AddDays(-10), Day.AddDays(-5), Day.AddDays(-1)]);
        var b = await app.SeedDomainWithScansAsync(owner.Org, "b.filter.example", [Day.AddDays(-5)]);
        var clientOfB = await app.QueryAsync(owner.Org, db => db.Domains.Where(d => d.Id == b).Select(d => d.ClientId).SingleAsync());
        var from = DateOnly.FromDateTime(Day.AddDays(-6).UtcDateTime);
        var to = DateOnly.FromDateTime(Day.AddDays(-1).UtcDateTime);

        Assert.Equal(2, (await PlanAsync(owner, new ScanExportFilter(ExportScope.Domain, a, from, to)))!.Scans);
        Assert.Equal(1, (await PlanAsync(owner, new ScanExportFilter(ExportScope.Domain, a, null, DateOnly.FromDateTime(Day.AddDays(-6).UtcDateTime))))!.Scans);
        Assert.Equal(1, (await PlanAsync(owner, new ScanExportFilter(ExportScope.Client, clientOfB, null, null)))!.Scans);
        Assert.Equal(3, (await PlanAsync(owner, ScanExportFilter.Organization(from, to)))!.Scans);
        Assert.Equal(4, (await PlanAsync(owner, ScanExportFilter.Organization()))!.Scans);

        var rows = ExportTestSupport.ParseCsv(await ExportAsync(owner, new ScanExportFilter(ExportScope.Client, clientOfB, null, null), ExportFormat.Csv));
        Assert.Equal(["b.filter.example"], rows.Skip(1).Select(r => r[0]));
        var ranged = ExportTestSupport.ParseCsv(await ExportAsync(owner, ScanExportFilter.Organization(from, to), ExportFormat.Csv));
        Assert.All(ranged.Skip(1), r => Assert.InRange(DateTimeOffset.Parse(r[2], CultureInfo.InvariantCulture), new DateTimeOffset(Day.AddDays(-6).Date, TimeSpan.Zero), new DateTimeOffset(Day.Date, TimeSpan.Zero)));
        Assert.Equal(4, ranged.Count);
    }

    [Fact]
    public async Task WriteDirectAsync_Csv_QuotesCellsAndNeutralisesFormulas()
    {
        var owner = await app.NewOwnerAsync("Quote MSP");
        var domainId = await app.SeedDomainWithScansAsync(owner.Org, "quote.example.com", [Day]);
        await app.QueryAsync(owner.Org, db => db.Clients.ExecuteUpdateAsync(s => s.SetProperty(c => c.Name, "=HYPERLINK(\"http://x\"),\"evil\"")));

        var text = await ExportAsync(owner, new ScanExportFilter(ExportScope.Domain, domainId, null, null), ExportFormat.Csv);

        Assert.Contains("\"'=HYPERLINK(\"\"http://x\"\"),\"\"evil\"\"\"", text);
        Assert.Equal("'=HYPERLINK(\"http://x\"),\"evil\"", ExportTestSupport.ParseCsv(text)[1][1]);
    }

    [Fact]
    public async Task Export_OtherOrganizationsScans_AreNeverIncluded()
    {
        var owner = await app.NewOwnerAsync("Mine MSP");
        var other = await app.NewOwnerAsync("Theirs MSP");
        await app.SeedDomainWithScansAsync(owner.Org, "mine.example.com", [Day]);
        var theirs = await app.SeedDomainWithScansAsync(other.Org, "theirs.example.com", [Day, Day.AddDays(-1)]);

        var text = await ExportAsync(owner, ScanExportFilter.Organization(), ExportFormat.Csv);
        var json = await ExportAsync(owner, ScanExportFilter.Organization(), ExportFormat.Json);

        Assert.Contains("mine.example.com", text);
        Assert.DoesNotContain("theirs.example.com", text);
        Assert.DoesNotContain("theirs.example.com", json);
        Assert.Null(await PlanAsync(owner, new ScanExportFilter(ExportScope.Domain, theirs, null, null)));
    }

    [Fact]
    public async Task PlanAsync_Viewer_IsDenied_TechnicianIsAllowed()
    {
        var owner = await app.NewOwnerAsync("Roles MSP");
        var viewer = await app.NewMemberAsync(owner, OrganizationRole.Viewer);
        var technician = await app.NewMemberAsync(owner, OrganizationRole.Technician);

        await Assert.ThrowsAsync<AccessDeniedException>(() => PlanAsync(viewer, ScanExportFilter.Organization()));
        Assert.NotNull(await PlanAsync(technician, ScanExportFilter.Organization()));
    }

    [Fact]
    public async Task WriteDirectAsync_ThousandsOfScans_StreamEveryRowAndAudit()
    {
        var owner = await app.NewOwnerAsync("Volume MSP");
        var domainId = await app.SeedDomainWithScansAsync(owner.Org, "volume.example.com", [Day]);
        var scanId = await app.QueryAsync(owner.Org, db => db.Scans.Where(s => s.DomainId == domainId).Select(s => s.Id).SingleAsync());
        await app.CopyScanAsync(scanId, 2999);

        var csv = new LineCountingStream();
        var json = new LineCountingStream();
        var (csvRows, jsonRows) = await app.ExportsAsync(owner, async exports =>
        {
            var plan = (await exports.PlanAsync(ScanExportFilter.Organization(), CancellationToken.None))!;
            return (await exports.WriteDirectAsync(plan, ExportFormat.Csv, csv, CancellationToken.None),
                await exports.WriteDirectAsync(plan, ExportFormat.Json, json, CancellationToken.None));
        });

        Assert.Equal(3000, csvRows);
        Assert.Equal(3000, jsonRows);
        Assert.Equal(3001, csv.Lines);
        Assert.True(json.Bytes > 3000 * 1000, $"{json.Bytes} bytes of JSON");
        var events = await app.AuditEventsAsync(owner.Org, "export.scans_downloaded");
        Assert.Equal(2, events.Count);
        Assert.Contains("3000 scans of organization Volume MSP as CSV", events[0].Summary);
    }

    [Fact]
    public async Task DirectEndpoint_SignedIn_StreamsCsv_OtherOrganizationsDomainIsNotFound_ViewerIsRefused()
    {
        var owner = await app.NewOwnerAsync("Http MSP");
        var other = await app.NewOwnerAsync("Other Http MSP");
        var viewer = await app.NewMemberAsync(owner, OrganizationRole.Viewer);
        var domainId = await app.SeedDomainWithScansAsync(owner.Org, "http.example.com", [Day, Day.AddDays(-1)]);
        using var client = await app.SignedInClientAsync(owner);
        using var stranger = await app.SignedInClientAsync(other);
        using var viewing = await app.SignedInClientAsync(viewer);

        var response = await client.GetAsync($"/exports/scans.csv?scope=domain&id={domainId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(3, ExportTestSupport.ParseCsv(await response.Content.ReadAsStringAsync()).Count);
        var json = await client.GetAsync($"/exports/scans.json?scope=domain&id={domainId}&from=2026-11-20&to=2026-11-20");
        Assert.Equal(1, JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement.GetArrayLength());

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/exports/scans.csv?scope=domain&id={domainId}")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await viewing.GetAsync($"/exports/scans.csv?scope=domain&id={domainId}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/exports/scans.csv?scope=galaxy")).StatusCode);
    }

    private Task<ScanExportPlan?> PlanAsync(TestMember member, ScanExportFilter filter) =>
        app.ExportsAsync(member, exports => exports.PlanAsync(filter, CancellationToken.None));

    private Task<string> ExportAsync(TestMember member, ScanExportFilter filter, ExportFormat format) =>
        app.ExportsAsync(member, async exports =>
        {
            var plan = await exports.PlanAsync(filter, CancellationToken.None) ?? throw new InvalidOperationException("No such scope");
            using var output = new MemoryStream();
            await exports.WriteDirectAsync(plan, format, output, CancellationToken.None);
            return Encoding.UTF8.GetString(output.ToArray());
        });

    /// <summary>Counts bytes and line breaks without keeping the output, as a response body would.</summary>
    private sealed class LineCountingStream : Stream
    {
        public long Bytes { get; private set; }

        public int Lines { get; private set; }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Bytes;
        public override long Position { get => Bytes; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Bytes += buffer.Length;
            Lines += buffer.Count((byte)'\n');
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }
    }
}
