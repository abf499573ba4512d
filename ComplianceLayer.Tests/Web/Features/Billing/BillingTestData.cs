using System.Net.Http.Headers;
using System.Text;
using ComplianceLayer.Domain.Billing;
using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Tests.Web.Features.Billing;

internal static class BillingTestData
{
    public static async Task SetStateAsync(this WebAppFixture app, Guid organizationId, string plan, SubscriptionStatus status,
        DateTimeOffset? periodEnd, DateTimeOffset? pastDueSince = null, string? customerId = null, string? subscriptionId = null)
    {
        var (scope, db) = await app.DbForTenantAsync(organizationId);
        await using (scope)
        await using (db)
        {
            var organization = await db.Organizations.SingleAsync(o => o.Id == organizationId);
            organization.PlanCode = plan;
            organization.SubscriptionStatus = status;
            organization.CurrentPeriodEnd = periodEnd;
            organization.PastDueSince = pastDueSince;
            organization.StripeCustomerId = customerId;
            organization.StripeSubscriptionId = subscriptionId;
            await db.SaveChangesAsync();
        }
    }

    public static Task<Organization> OrganizationAsync(this WebAppFixture app, Guid organizationId) =>
        app.QueryAsync(organizationId, db => db.Organizations.AsNoTracking().SingleAsync(o => o.Id == organizationId));

    public static async Task<HttpResponseMessage> PostWebhookAsync(this WebAppFixture app, string payload, string? signature)
    {
        using var http = app.Factory.CreateClient();
        using var content = new StringContent(payload, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/stripe/webhook") { Content = content };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
        }
        return await http.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostSignedWebhookAsync(this WebAppFixture app, string payload) =>
        app.PostWebhookAsync(payload, StripeTestEvents.Sign(payload, BillingTestSettings.WebhookSecret));
}
