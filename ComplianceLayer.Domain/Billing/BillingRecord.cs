using ComplianceLayer.Domain.Tenancy;

namespace ComplianceLayer.Domain.Billing;

/// <summary>
/// One Stripe invoice as a bookkeeping record: kept 7 years (privacy policy, section 5), so it holds no personal data
/// (no names, e-mails or card details) and has no foreign key to the organization, so that it survives account deletion.
/// </summary>
public sealed class BillingRecord : ITenantOwned
{
    public const int InvoiceIdMaxLength = 64;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    /// <summary>Stripe's invoice id (in_…); unique, so a re-delivered event updates the same record.</summary>
    public required string StripeInvoiceId { get; set; }

    /// <summary>Amount in the currency's smallest unit (cents): paid for a paid invoice, due otherwise.</summary>
    public long Amount { get; set; }

    /// <summary>ISO 4217 code, lower case as Stripe sends it ("eur").</summary>
    public required string Currency { get; set; }

    public DateTimeOffset PeriodStart { get; set; }

    public DateTimeOffset PeriodEnd { get; set; }

    public BillingRecordStatus Status { get; set; }

    /// <summary>When Stripe created the invoice.</summary>
    public DateTimeOffset InvoiceDate { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

public enum BillingRecordStatus
{
    Paid,
    PaymentFailed,
}
