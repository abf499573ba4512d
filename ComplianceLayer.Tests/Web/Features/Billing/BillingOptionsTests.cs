using System.Reflection;
using System.Text.Json;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Web.Features.Billing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceLayer.Tests.Web.Features.Billing;

public sealed class BillingOptionsTests
{
    private static PlanOptions Plan(string code, int trialDays = 0, string? price = null) =>
        new() { Code = code, Name = code, TrialDays = trialDays, StripeMonthlyPriceId = price, HistoryDays = 30 };

    [Fact]
    public void Problems_ValidCatalogue_None()
    {
        var options = new BillingOptions { Plans = [Plan("trial", 14), Plan("pro", price: "price_pro")] };
        Assert.Empty(options.Problems());
    }

    [Fact]
    public void Problems_DuplicateCodesMissingTrialPlanAndBadValues_AreEachNamed()
    {
        var bad = Plan("pro", price: "not-a-price");
        bad.HistoryDays = 0;
        var options = new BillingOptions { Plans = [Plan("pro", price: "price_a"), bad], NewOrganizationPlan = "trial" };

        var problems = options.Problems();

        Assert.Contains(problems, p => p.Contains("code \"pro\" more than once", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("NewOrganizationPlan \"trial\" is not one of the codes", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("HistoryDays must be 1-3650", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("\"not-a-price\" is not a Stripe price id", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "", "", false)]
    [InlineData("sk_test_x", "pk_test_x", "whsec_x", false)]
    [InlineData("sk_test_x", "", "", true)]
    [InlineData("sk_test_x", "pk_test_x", "", true)]
    [InlineData("nope", "pk_test_x", "whsec_x", true)]
    public void StripeOptions_AllOrNone(string secret, string publishable, string webhook, bool problem)
    {
        var options = new StripeOptions { SecretKey = secret, PublishableKey = publishable, WebhookSecret = webhook };
        Assert.Equal(problem, options.Problems().Count > 0);
        Assert.Equal(secret.Length > 0 && publishable.Length > 0 && webhook.Length > 0, options.IsConfigured);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task StartUp_WithStripePartlyConfigured_FailsWithAClearMessage()
    {
        await using var factory = new AppFactory("Host=127.0.0.1;Database=unused", new Dictionary<string, string?>
        {
            ["Quartz:Enabled"] = "false",
            ["Stripe:SecretKey"] = "sk_test_only",
        });

        var error = Assert.ThrowsAny<OptionsValidationException>(() => factory.Services.GetRequiredService<IOptions<StripeOptions>>().Value);

        Assert.Contains("Stripe is partly configured", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Example_DocumentsEveryKeyOfEveryPlanAndOfStripe()
    {
        using var example = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "appsettings.Example.json")));
        var billing = example.RootElement.GetProperty("Billing");
        static IEnumerable<string> Bindable(Type type) =>
            type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => p.Name);
        Assert.All(Bindable(typeof(BillingOptions)), name => Assert.True(billing.TryGetProperty(name, out _), $"Billing lacks {name}"));
        foreach (var plan in billing.GetProperty("Plans").EnumerateArray())
        {
            Assert.All(Bindable(typeof(PlanOptions)), name => Assert.True(plan.TryGetProperty(name, out _), $"a plan lacks {name}"));
        }
        var stripe = example.RootElement.GetProperty("Stripe");
        Assert.All(Bindable(typeof(StripeOptions)), name => Assert.True(stripe.TryGetProperty(name, out _), $"Stripe lacks {name}"));
        Assert.Equal(["trial", "starter", "pro", "business"], billing.GetProperty("Plans").EnumerateArray().Select(p => p.GetProperty("Code").GetString()));
    }
}
