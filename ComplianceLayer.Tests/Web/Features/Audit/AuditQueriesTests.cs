using System.Net;
using System.Text;
using ComplianceLayer.Domain.Audit;
using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Tests.Web.Features.Privacy.Export;
using ComplianceLayer.Web.Features.Audit;
using ComplianceLayer.Web.Features.Clients;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceLayer.Tests.Web.Features.Audit;

[Trait("Category", "Integration")]
public sealed class AuditQueriesTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private static readonly DateTimeOffset Day = new(2026, 10, 1, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task ListAsync_Filters_ByActionPrefixActorDatesAndText_AndNeverShowsAnotherOrganization()
    {
        var owner = await app.NewOwnerAsync("Audit MSP");
        var admin = await app.NewMemberAsync(owner, OrganizationRole.Admin);
        var other = await app.NewOwnerAsync("Other Audit MSP");
        var before = (await ListAsync(admin, new AuditFilter())).TotalCount; // events of setting the organization up
        Assert.All((await ListAsync(admin, new AuditFilter())).Items, e => Assert.NotEqual("test", e.EntityType));
        await SeedAsync(owner.Org, ("client.created", owner.Email, Day, "Created client Alpha."),
            ("client.deleted", admin.Email, Day.AddDays(1), "Deleted client Beta."),
            ("member.role_changed", admin.Email, Day.AddDays(2), "Changed role of x to Admin."),
            ("api_key.created", owner.Email, Day.AddDays(3), "Created API key \"PSA\"."));
        await SeedAsync(other.Org, ("client.created", other.Email, Day, "Created client Alpha elsewhere."));

        Assert.Equal(before + 4, (await ListAsync(admin, new AuditFilter())).TotalCount);
        Assert.Equal(["client.deleted", "client.created"], (await ListAsync(admin, new AuditFilter(ActionPrefix: "client."))).Items.Select(e => e.Action));
        Assert.Equal(2, (await ListAsync(owner, new AuditFilter(Actor: admin.Email[..12]))).TotalCount);
        Assert.Equal(["member.role_changed", "client.deleted"],
            (await ListAsync(owner, new AuditFilter(From: DateOnly.FromDateTime(Day.AddDays(1).UtcDateTime), To: DateOnly.FromDateTime(Day.AddDays(2).UtcDateTime)))).Items.Select(e => e.Action));
        Assert.Equal(["api_key.created"], (await ListAsync(owner, new AuditFilter(Text: "psa"))).Items.Select(e => e.Action));
        Assert.Equal(["client.created"], (await ListAsync(owner, new AuditFilter(Text: "Alpha"))).Items.Select(e => e.Action));
        Assert.Empty((await ListAsync(owner, new AuditFilter(ActionPrefix: "client%"))).Items);
        var otherEvents = (await ListAsync(other, new AuditFilter())).Items;
        Assert.Equal(["Created client Alpha elsewhere."], otherEvents.Where(e => e.EntityType == "test").Select(e => e.Summary));
        Assert.DoesNotContain((await ListAsync(other, new AuditFilter())).Items, e => e.Summary == "Created client Alpha.");

        var page = await app.AuditAsync(owner, q => q.ListAsync(new AuditFilter(ActionPrefix: "client."), 1, 1, CancellationToken.None));
        Assert.Equal(2, page.TotalCount);
        Assert.Equal(["client.created"], page.Items.Select(e => e.Action));
    }

    [Fact]
    public async Task ListAsync_Technician_IsDenied()
    {
        var owner = await app.NewOwnerAsync("Denied MSP");
        var technician = await app.NewMemberAsync(owner, OrganizationRole.Technician);

        await Assert.ThrowsAsync<AccessDeniedException>(() => ListAsync(technician, new AuditFilter()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => app.AuditAsync(technician, q => q.WriteCsvAsync(new AuditFilter(), Stream.Null, CancellationToken.None)));
    }

    [Fact]
    public async Task WriteCsvAsync_ExportsTheFilteredEvents_AndRecordsTheExport()
    {
        var owner = await app.NewOwnerAsync("Csv Audit MSP");
        await SeedAsync(owner.Org, ("client.created", owner.Email, Day, "Created client =cmd|' /C calc'!A0."),
            ("member.removed", owner.Email, Day.AddDays(1), "Removed someone."));

        var text = await app.AuditAsync(owner, async q =>
        {
            using var output = new MemoryStream();
            await q.WriteCsvAsync(new AuditFilter(ActionPrefix: "client."), output, CancellationToken.None);
            return Encoding.UTF8.GetString(output.ToArray());
        });

        var rows = ExportTestSupport.ParseCsv(text);
        Assert.Equal(AuditQueries.CsvHeader, rows[0]);
        Assert.Equal(2, rows.Count);
        Assert.Equal("2026-10-01T09:30:00Z", rows[1][0]);
        Assert.Equal("203.0.113.7", rows[1][2]);
        Assert.Equal("Created client =cmd|' /C calc'!A0.", rows[1][6]);
        var exported = Assert.Single(await app.AuditEventsAsync(owner.Org, "audit.exported"));
        Assert.Contains("action client.*", exported.Summary);
    }

    [Fact]
    public async Task Record_MemberActingFromAnAddress_StoresTheAddress()
    {
        var owner = await app.NewOwnerAsync("Address MSP");
        await using (var scope = app.ScopeFor(owner))
        {
            var http = new DefaultHttpContext();
            http.Connection.RemoteIpAddress = System.Net.IPAddress.Parse("::ffff:198.51.100.23");
            scope.ServiceProvider.GetRequiredService<ClientAddress>().Capture(http);
            await scope.ServiceProvider.GetRequiredService<ClientService>().CreateAsync(new ClientInput("Addressed"), CancellationToken.None);
        }

        var created = Assert.Single(await app.AuditEventsAsync(owner.Org, "client.created"));
        Assert.Equal("198.51.100.23", created.IpAddress);
    }

    [Fact]
    public async Task CsvEndpoint_Admin_Downloads_TechnicianIsRefused()
    {
        var owner = await app.NewOwnerAsync("Endpoint Audit MSP");
        var technician = await app.NewMemberAsync(owner, OrganizationRole.Technician);
        await SeedAsync(owner.Org, ("client.created", owner.Email, Day, "Created client Gamma."));
        using var client = await app.SignedInClientAsync(owner);
        using var refused = await app.SignedInClientAsync(technician);

        var response = await client.GetAsync("/" + AuditEndpoints.CsvUrl(new AuditFilter(Text: "Gamma")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The export is recorded before it streams, so it lists itself (its summary names the filter) after the matching event.
        var rows = ExportTestSupport.ParseCsv(await response.Content.ReadAsStringAsync());
        Assert.Equal(["audit.exported", "client.created"], rows.Skip(1).Select(r => r[3]));
        Assert.NotEqual(HttpStatusCode.OK, (await refused.GetAsync("/" + AuditEndpoints.CsvPath)).StatusCode);
    }

    [Fact]
    public async Task Pages_TechnicianCannotOpenTheAuditLog_ViewerCannotOpenExports_AnyMemberOpensMyData()
    {
        var owner = await app.NewOwnerAsync("Pages MSP");
        var technician = await app.NewMemberAsync(owner, OrganizationRole.Technician);
        var viewer = await app.NewMemberAsync(owner, OrganizationRole.Viewer);
        using var ownerClient = await app.SignedInClientAsync(owner);
        using var technicianClient = await app.SignedInClientAsync(technician);
        using var viewerClient = await app.SignedInClientAsync(viewer);

        Assert.Equal(HttpStatusCode.OK, (await ownerClient.GetAsync("/settings/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await technicianClient.GetAsync("/settings/exports")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await technicianClient.GetAsync("/settings/audit")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await viewerClient.GetAsync("/settings/exports")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await viewerClient.GetAsync("/exports/scans.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewerClient.GetAsync("/settings/my-data")).StatusCode);
    }

    private Task<ComplianceLayer.Web.Features.PagedResult<AuditRow>> ListAsync(TestMember member, AuditFilter filter) =>
        app.AuditAsync(member, q => q.ListAsync(filter, 0, 50, CancellationToken.None));

    private Task<int> SeedAsync(Guid organizationId, params (string Action, string Actor, DateTimeOffset At, string Summary)[] events) =>
        app.QueryAsync(organizationId, db =>
        {
            db.AuditEvents.AddRange(events.Select(e => new AuditEvent
            {
                OrganizationId = organizationId, OccurredAt = e.At, Actor = e.Actor, Action = e.Action, EntityType = "test",
                Summary = e.Summary, IpAddress = "203.0.113.7",
            }));
            return db.SaveChangesAsync();
        });
}

internal static class AuditTestSupport
{
    public static async Task<T> AuditAsync<T>(this WebAppFixture app, TestMember member, Func<AuditQueries, Task<T>> action)
    {
        await using var scope = app.ScopeFor(member);
        return await action(scope.ServiceProvider.GetRequiredService<AuditQueries>());
    }
}
