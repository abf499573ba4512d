using System.Reflection;
using System.Text.Json;
using ComplianceLayer.Scanning;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Web.Features.Api;
using ComplianceLayer.Web.Infrastructure.Email;
using ComplianceLayer.Web.Infrastructure.Identity;
using ComplianceLayer.Web.Infrastructure.Scheduling;

namespace ComplianceLayer.Tests.Web;

/// <summary>appsettings.Example.json documents every setting: a new option without an example fails here.</summary>
public sealed class ExampleSettingsTests
{
    public static TheoryData<Type, string> OptionsClasses() => new()
    {
        { typeof(ScanningOptions), ScanningOptions.SectionName },
        { typeof(EmailOptions), EmailOptions.SectionName },
        { typeof(AccountOptions), AccountOptions.SectionName },
        { typeof(JobSchedulerOptions), JobSchedulerOptions.SectionName },
        { typeof(ApiOptions), ApiOptions.SectionName },
        { typeof(ComplianceLayer.Web.Infrastructure.Hosting.ProxyOptions), ComplianceLayer.Web.Infrastructure.Hosting.ProxyOptions.SectionName },
        { typeof(ComplianceLayer.Web.Features.Webhooks.WebhookOptions), ComplianceLayer.Web.Features.Webhooks.WebhookOptions.SectionName },
        { typeof(ComplianceLayer.Web.Features.Privacy.Export.ExportOptions), ComplianceLayer.Web.Features.Privacy.Export.ExportOptions.SectionName },
        { typeof(ApiRateLimitOptions), ApiOptions.SectionName + ":" + nameof(ApiOptions.RateLimit) },
        { typeof(ComplianceLayer.Web.Features.Privacy.Deletion.AccountDeletionOptions), ComplianceLayer.Web.Features.Privacy.Deletion.AccountDeletionOptions.SectionName },
        { typeof(ComplianceLayer.Web.Features.Privacy.Retention.RetentionOptions), ComplianceLayer.Web.Features.Privacy.Retention.RetentionOptions.SectionName },
    };

    [Theory]
    [MemberData(nameof(OptionsClasses))]
    public void Example_HasEveryBindableProperty(Type options, string section)
    {
        using var example = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "appsettings.Example.json")));
        var node = example.RootElement;
        foreach (var part in section.Split(':'))
        {
            Assert.True(node.TryGetProperty(part, out node), $"section {section} missing");
        }
        var bindable = options.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => p.Name);
        var missing = bindable.Where(name => !node.TryGetProperty(name, out _)).ToList();
        Assert.True(missing.Count == 0, $"{section} lacks: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Example_HasTheConnectionString() =>
        Assert.False(string.IsNullOrEmpty(JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "appsettings.Example.json")))
            .RootElement.GetProperty("ConnectionStrings").GetProperty("DefaultConnection").GetString()));
}
