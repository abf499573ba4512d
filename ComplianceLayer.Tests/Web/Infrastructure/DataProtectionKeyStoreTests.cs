using ComplianceLayer.Tests.Fixtures;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceLayer.Tests.Web.Infrastructure;

[Trait("Category", "Integration")]
public sealed class DataProtectionKeyStoreTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task Protect_FirstUse_PersistsKeyInPostgreSql_AndASecondAppInstanceCanUnprotect()
    {
        var protector = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
        var secret = protector.Protect("cookie payload");

        var (scope, db) = await app.DbForTenantAsync(null);
        await using (scope)
        await using (db)
        {
            Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync());
        }

        // Another node sharing the database reads the same key ring.
        await using var other = new AppFactory(app.ConnectionString);
        var otherProtector = other.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
        Assert.Equal("cookie payload", otherProtector.Unprotect(secret));
    }
}
