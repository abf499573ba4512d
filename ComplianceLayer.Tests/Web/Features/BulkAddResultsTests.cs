using Bunit;
using ComplianceLayer.Web.Features.Domains;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace ComplianceLayer.Tests.Web.Features;

public sealed class BulkAddResultsTests
{
    [Fact]
    public async Task Render_MixedResult_ShowsEveryLineWithStatusAndReason()
    {
        await using var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        var result = new BulkAddResult(
        [
            new BulkAddLine(1, "alpha.com", "alpha.com", "Acme", BulkLineStatus.Added, null),
            new BulkAddLine(3, "localhost", null, "Acme", BulkLineStatus.Rejected, "not a domain"),
        ], ClientsCreated: 1);

        var cut = ctx.Render<BulkAddResults>(p => p.Add(x => x.Result, result));

        Assert.Equal("1 added, 1 rejected, 1 new clients", cut.Find("[data-testid=bulk-summary]").TextContent.Trim());
        var rows = cut.FindAll("#bulk-results [data-testid=bulk-result]");
        Assert.Equal(["added", "rejected"], rows.Select(r => r.GetAttribute("data-status")));
        Assert.Contains("Rejected", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("not a domain", rows[1].QuerySelector(".bulk-reason")!.TextContent);
    }
}
