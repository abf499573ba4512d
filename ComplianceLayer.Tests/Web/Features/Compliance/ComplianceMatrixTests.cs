using Bunit;
using ComplianceLayer.Domain.Reports;
using ComplianceLayer.Web.Features.Compliance;
using MudBlazor.Services;

namespace ComplianceLayer.Tests.Web.Features.Compliance;

public sealed class ComplianceMatrixTests
{
    private static readonly MatrixRow[] Rows =
    [
        new("CC6.1", "Logical access to information assets restricted", MappingStrength.Supporting),
        new("CC6.7", "Data protected while in transmission", MappingStrength.Direct),
    ];

    private static MatrixColumn Column(string name, int domains, params (string Control, int Failing, int Passing)[] cells) =>
        new(Guid.NewGuid(), name, null, null, new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero), domains, domains,
            cells.Count(c => c.Failing > 0), cells.ToDictionary(c => c.Control, c => MatrixCell.From(c.Failing, c.Passing, domains)));

    private static BunitContext NewContext()
    {
        var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        return ctx;
    }

    [Fact]
    public async Task Matrix_RendersRowAndColumnHeaders_AndCellsWithIconTextAndAccessibleLabels()
    {
        await using var ctx = NewContext();
        var bad = Column("bad.example", 1, ("CC6.1", 1, 0), ("CC6.7", 1, 0));
        var good = Column("good.example", 1, ("CC6.1", 0, 1), ("CC6.7", 0, 1));
        var never = new MatrixColumn(Guid.NewGuid(), "never.example", "Acme", Guid.NewGuid(), null, 1, 0, 0, new Dictionary<string, MatrixCell>());
        var data = new MatrixData("soc2", "SOC 2", MatrixMode.Domains, Rows, [bad, good, never], 3, 2);

        var cut = ctx.Render<ComplianceMatrix>(p => p.Add(m => m.Data, data));

        var columnHeaders = cut.FindAll("thead th[scope=col]");
        Assert.Equal(["Control", "bad.example", "good.example", "never.example"], columnHeaders.Select(h => h.QuerySelector("a")?.TextContent ?? h.TextContent.Trim()));
        Assert.Equal($"domains/{bad.Id}", columnHeaders[1].QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("Scanned 2026-12-01", columnHeaders[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("Not scanned yet", columnHeaders[3].TextContent, StringComparison.Ordinal);
        var rowHeaders = cut.FindAll("tbody th[scope=row]");
        Assert.Equal(["CC6.1", "CC6.7"], rowHeaders.Select(h => h.QuerySelector(".control-id")!.TextContent));
        Assert.Contains("direct", rowHeaders[1].TextContent, StringComparison.Ordinal);

        var cc67 = cut.FindAll("tr[data-control='CC6.7'] td");
        Assert.Equal(["fail", "pass", "not_assessed"], cc67.Select(td => td.GetAttribute("data-status")));
        Assert.Equal(["Fail", "Pass", "Not assessed"], cc67.Select(td => td.QuerySelector(".cell-text")!.TextContent));
        Assert.All(cc67, td => Assert.NotNull(td.QuerySelector("svg")));
        var button = cc67[0].QuerySelector("button")!;
        Assert.Equal("button", button.GetAttribute("type"));
        Assert.Equal("CC6.7 Data protected while in transmission, bad.example: fail. Show findings", button.GetAttribute("aria-label"));
        Assert.NotNull(cut.Find("table caption"));
    }

    [Fact]
    public async Task Matrix_ClientColumns_ShowCountsInTextAndLabel()
    {
        await using var ctx = NewContext();
        var acme = Column("Acme", 5, ("CC6.7", 2, 3), ("CC6.1", 0, 4));
        var data = new MatrixData("soc2", "SOC 2", MatrixMode.Clients, Rows, [acme], 1, 1);

        var cut = ctx.Render<ComplianceMatrix>(p => p.Add(m => m.Data, data));

        var cell = cut.Find("tr[data-control='CC6.7'] td");
        Assert.Equal("Fail 2/5", cell.QuerySelector(".cell-text")!.TextContent);
        Assert.Contains("2 of 5 domains fail", cell.QuerySelector("button")!.GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.Equal($"clients/{acme.Id}", cut.Find("thead th[data-name='Acme'] a").GetAttribute("href"));
        Assert.Equal("Pass 4/5", cut.Find("tr[data-control='CC6.1'] td .cell-text").TextContent);
    }

    [Fact]
    public async Task Matrix_ClickingACell_RaisesTheCallbackWithItsColumnRowAndStatus()
    {
        await using var ctx = NewContext();
        var bad = Column("bad.example", 1, ("CC6.7", 1, 0));
        var good = Column("good.example", 1, ("CC6.7", 0, 1));
        var data = new MatrixData("soc2", "SOC 2", MatrixMode.Domains, Rows, [bad, good], 2, 2);
        MatrixCellSelection? selected = null;

        var cut = ctx.Render<ComplianceMatrix>(p => p
            .Add(m => m.Data, data)
            .Add(m => m.OnCellSelected, (MatrixCellSelection s) => selected = s));
        cut.Find($"tr[data-control='CC6.7'] td[data-column-id='{bad.Id}'] button").Click();

        Assert.NotNull(selected);
        Assert.Equal((bad.Id, "CC6.7", ControlStatus.Fail), (selected.Column.Id, selected.Row.Control, selected.Cell.Status));
    }
}
