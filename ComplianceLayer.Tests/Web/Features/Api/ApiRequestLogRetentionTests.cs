using ComplianceLayer.Domain.ApiKeys;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Web.Features.Privacy.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceLayer.Tests.Web.Features.Api;

[Trait("Category", "Integration")]
public sealed class ApiRequestLogRetentionTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private static readonly int[] Ages = [91, 89, 1];

    [Fact]
    public async Task Run_DeletesRowsOlderThan90DaysInEveryOrganization_AndKeepsTheRest()
    {
        async Task<TestMember> ArrangeAsync()
        {
            var owner = await app.NewOwnerAsync();
            var key = await app.CreateKeyAsync(owner);
            await app.QueryAsync(owner.Org, async db =>
            {
                foreach (var days in Ages)
                {
                    db.ApiRequestLogs.Add(new ApiRequestLog
                    {
                        ApiKeyId = key.Row.Id, Method = "GET", Path = $"/v1/{days}", StatusCode = 200,
                        OccurredAt = DateTimeOffset.UtcNow.AddDays(-days),
                    });
                }
                return await db.SaveChangesAsync();
            });
            return owner;
        }
        var a = await ArrangeAsync();
        var b = await ArrangeAsync();

        var deleted = await app.Services.GetRequiredService<ApiRequestLogRetention>().RunAsync(CancellationToken.None);

        Assert.True(deleted >= 2);
        foreach (var owner in new[] { a, b })
        {
            var kept = await app.QueryAsync(owner.Org, db => db.ApiRequestLogs.Select(l => l.Path).OrderBy(p => p).ToListAsync());
            Assert.Equal(["/v1/1", "/v1/89"], kept);
        }
    }
}
