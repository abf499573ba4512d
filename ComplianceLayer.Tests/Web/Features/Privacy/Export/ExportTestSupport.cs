using System.Net;
using System.Text.RegularExpressions;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Web.Features.Privacy.Export;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceLayer.Tests.Web.Features.Privacy.Export;

/// <summary>Signed-in HTTP clients, bulk scan seeding and export service access for the export tests.</summary>
internal static partial class ExportTestSupport
{
    public static async Task<T> ExportsAsync<T>(this WebAppFixture app, TestMember member, Func<ScanExports, Task<T>> action)
    {
        await using var scope = app.ScopeFor(member);
        return await action(scope.ServiceProvider.GetRequiredService<ScanExports>());
    }

    /// <summary>An HTTP client signed in through the real login form (cookie auth), for the download endpoints.</summary>
    public static async Task<HttpClient> SignedInClientAsync(this WebAppFixture app, TestMember member)
    {
        var client = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await client.GetStringAsync("/Account/Login");
        var fields = HiddenInput().Matches(form)
            .Select(m => (Name: NameAttribute().Match(m.Value).Groups[1].Value, Value: WebUtility.HtmlDecode(ValueAttribute().Match(m.Value).Groups[1].Value)))
            .Where(f => f.Name.Length > 0)
            .Append(("Input.Email", member.Email))
            .Append(("Input.Password", "Test-Password-123!"))
            .Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2));
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Copies one completed scan <paramref name="count"/> times in SQL (finishing a minute apart, earlier), for volume tests.</summary>
    public static async Task CopyScanAsync(this WebAppFixture app, Guid scanId, int count)
    {
        var (scope, db) = await app.DbForTenantAsync(null);
        await using (scope)
        await using (db)
        {
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO scans ("Id", "OrganizationId", "DomainId", "JobId", "ReportId", "Status", "Trigger", "QueuedAt", "StartedAt",
                    "FinishedAt", "Score", "Grade", "RiskLevel", "AlgorithmVersion", "Attempts", "ReportJson")
                SELECT gen_random_uuid(), "OrganizationId", "DomainId", 'cl_job_c' || substr(md5(random()::text), 1, 24), 'cl_rpt_c' || substr(md5(random()::text), 1, 24),
                    "Status", "Trigger", "QueuedAt" - g * interval '1 minute', "StartedAt" - g * interval '1 minute',
                    "FinishedAt" - g * interval '1 minute', "Score", "Grade", "RiskLevel", "AlgorithmVersion", "Attempts", "ReportJson"
                FROM scans, generate_series(1, {0}) g WHERE "Id" = {1}
                """, count, scanId);
        }
    }

    public static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') { quoted = false; }
                else { cell.Append(c); }
            }
            else if (c == '"') { quoted = true; }
            else if (c == ',') { row.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') { row.Add(cell.ToString()); cell.Clear(); rows.Add([.. row]); row.Clear(); i++; }
            else { cell.Append(c); }
        }
        return rows;
    }

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*>")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("name=\"([^\"]*)\"")]
    private static partial Regex NameAttribute();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();
}
