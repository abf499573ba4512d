using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Domain.Webhooks;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Tests.Web.Features.Api;
using ComplianceLayer.Tests.Web.Features.Reports;
using ComplianceLayer.Web.Features.Privacy.Export;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceLayer.Tests.Web.Features.Privacy.Export;

[Trait("Category", "Integration")]
public sealed class MyDataExportTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task WriteAsync_Owner_GetsPersonalAndOrganizationFiles_WithoutSecretsOrOtherOrganizations()
    {
        var owner = await app.NewOwnerAsync("Portable MSP");
        var other = await app.NewOwnerAsync("Foreign MSP");
        await app.SeedDomainWithScansAsync(owner.Org, "mine.portable.example", [DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow]);
        await app.SeedDomainWithScansAsync(other.Org, "foreign.portable.example", [DateTimeOffset.UtcNow]);
        await app.CreateClientAsync(other, "Foreign Client Ltd");
        var key = await app.CreateKeyAsync(owner);
        await app.QueryAsync(owner.Org, async db =>
        {
            db.WebhookEndpoints.Add(new WebhookEndpoint
            {
                Url = "https://hooks.portable.example/in", Events = [WebhookEvents.ScanCompleted], SecretEncrypted = "protected-secret-0123456789",
                CreatedAt = DateTimeOffset.UtcNow,
            });
            return await db.SaveChangesAsync();
        });

        var files = await ZipAsync(owner);

        Assert.Equal(MyDataExport.PersonalFiles.Concat(MyDataExport.OrganizationFiles).Order(), files.Keys.Order());
        var profile = JsonDocument.Parse(files["profile.json"]).RootElement;
        Assert.Equal(owner.Email, profile.GetProperty("email").GetString());
        Assert.True(profile.GetProperty("email_confirmed").GetBoolean());
        Assert.False(profile.GetProperty("two_factor_enabled").GetBoolean());
        Assert.Equal(2, JsonDocument.Parse(files["scans.json"]).RootElement.GetArrayLength());
        Assert.Contains("mine.portable.example", files["domains.json"]);
        Assert.Contains("hooks.portable.example", files["webhooks.json"]);
        var keyJson = JsonDocument.Parse(files["api-keys.json"]).RootElement.EnumerateArray().Single();
        Assert.StartsWith("cl_", keyJson.GetProperty("prefix").GetString());

        var (passwordHash, securityStamp) = await app.QueryAsync(owner.Org, async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == owner.UserId);
            return (user.PasswordHash!, user.SecurityStamp!);
        });
        var keyHash = await app.QueryAsync(owner.Org, db => db.ApiKeys.Select(k => k.Sha256Hash).SingleAsync());
        var everything = string.Concat(files.Values);
        Assert.DoesNotContain(passwordHash, everything);
        Assert.DoesNotContain(securityStamp, everything);
        Assert.DoesNotContain(keyHash, everything);
        Assert.DoesNotContain(key.Key, everything);
        Assert.DoesNotContain("protected-secret-0123456789", everything);
        Assert.DoesNotContain("password_hash", everything);
        Assert.DoesNotContain("foreign.portable.example", everything);
        Assert.DoesNotContain("Foreign Client Ltd", everything);
        Assert.DoesNotContain("Foreign MSP", everything);
        Assert.Single(await app.AuditEventsAsync(owner.Org, "export.my_data"));
    }

    [Fact]
    public async Task WriteAsync_Technician_GetsOnlyPersonalFiles_WithTheirOwnAuditEvents()
    {
        var owner = await app.NewOwnerAsync("Personal MSP");
        var technician = await app.NewMemberAsync(owner, OrganizationRole.Technician);
        await app.CreateClientAsync(technician, "Made By Technician");
        await app.CreateClientAsync(owner, "Made By Owner");

        var files = await ZipAsync(technician);

        Assert.Equal(MyDataExport.PersonalFiles.Order(), files.Keys.Order());
        var events = JsonDocument.Parse(files["audit-events.json"]).RootElement.EnumerateArray().ToList();
        Assert.Contains(events, e => e.GetProperty("summary").GetString()!.Contains("Made By Technician"));
        Assert.DoesNotContain("Made By Owner", files["audit-events.json"]);
        var memberships = JsonDocument.Parse(files["memberships.json"]).RootElement.EnumerateArray().Single();
        Assert.Equal("technician", memberships.GetProperty("role").GetString());
        Assert.Equal("Personal MSP", memberships.GetProperty("organization_name").GetString());
    }

    [Fact]
    public async Task Endpoint_SignedIn_StreamsAZip()
    {
        var owner = await app.NewOwnerAsync("Zip MSP");
        await app.SeedDomainWithScansAsync(owner.Org, "zip.example.com", [DateTimeOffset.UtcNow]);
        using var client = await app.SignedInClientAsync(owner);

        var response = await client.GetAsync("/" + ScanExportEndpoints.MyDataPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        Assert.Contains(zip.Entries, e => e.FullName == "scans.json");
    }

    private async Task<Dictionary<string, string>> ZipAsync(TestMember member)
    {
        await using var scope = app.ScopeFor(member);
        using var output = new MemoryStream();
        await scope.ServiceProvider.GetRequiredService<MyDataExport>().WriteAsync(member.UserId, output, CancellationToken.None);
        output.Position = 0;
        using var zip = new ZipArchive(output);
        var files = new Dictionary<string, string>();
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            files[entry.FullName] = await reader.ReadToEndAsync();
            JsonDocument.Parse(files[entry.FullName]).Dispose();
        }
        return files;
    }
}
