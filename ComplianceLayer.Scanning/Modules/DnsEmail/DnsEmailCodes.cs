namespace ComplianceLayer.Scanning.Modules.DnsEmail;

/// <summary>Finding codes of the <c>dns_email</c> module. Shipped codes are never renamed.</summary>
public static class DnsEmailCodes
{
    public const string SpfMissing = "dns_email.spf.missing";
    public const string SpfMultiple = "dns_email.spf.multiple";
    public const string SpfPassAll = "dns_email.spf.pass_all";
    public const string SpfNeutralAll = "dns_email.spf.neutral_all";
    public const string SpfSoftFailAll = "dns_email.spf.softfail_all";
    public const string SpfNoAll = "dns_email.spf.no_all";
    public const string SpfTooManyLookups = "dns_email.spf.too_many_lookups";
    public const string SpfIncludeLoop = "dns_email.spf.include_loop";
    public const string SpfIncludeInvalid = "dns_email.spf.include_invalid";
    public const string SpfVoidLookups = "dns_email.spf.void_lookups";
    public const string SpfSyntaxError = "dns_email.spf.syntax_error";
    public const string SpfPtrUsed = "dns_email.spf.ptr_used";

    public const string DmarcMissing = "dns_email.dmarc.missing";
    public const string DmarcMultiple = "dns_email.dmarc.multiple";
    public const string DmarcSyntaxError = "dns_email.dmarc.syntax_error";
    public const string DmarcPolicyNone = "dns_email.dmarc.policy_none";
    public const string DmarcPctPartial = "dns_email.dmarc.pct_partial";
    public const string DmarcDeprecatedTags = "dns_email.dmarc.deprecated_tags";
    public const string DmarcNoRua = "dns_email.dmarc.no_rua";
    public const string DmarcSpWeaker = "dns_email.dmarc.sp_weaker";
    public const string DmarcNpWeaker = "dns_email.dmarc.np_weaker";

    public const string DkimNotConfirmed = "dns_email.dkim.not_confirmed";
    public const string DkimAbsent = "dns_email.dkim.absent";
    public const string DkimKeyTooShort = "dns_email.dkim.key_too_short";
    public const string DkimKeyShort = "dns_email.dkim.key_short";
    public const string DkimKeyRevoked = "dns_email.dkim.key_revoked";
    public const string DkimInvalidRecord = "dns_email.dkim.invalid_record";

    public const string CaaMissing = "dns_email.caa.missing";
    public const string CaaSyntaxError = "dns_email.caa.syntax_error";

    public const string MxMissing = "dns_email.mx.missing";
    public const string MxNull = "dns_email.mx.null";
    public const string MxCname = "dns_email.mx.cname";
    public const string MxIpLiteral = "dns_email.mx.ip_literal";

    public const string SmtpStartTlsMissing = "dns_email.smtp.starttls_missing";
    public const string SmtpCertificateInvalid = "dns_email.smtp.certificate_invalid";

    public const string MtaStsMissing = "dns_email.mta_sts.missing";
    public const string MtaStsInvalid = "dns_email.mta_sts.invalid";
    public const string MtaStsNotEnforced = "dns_email.mta_sts.not_enforced";
    public const string MtaStsMxMismatch = "dns_email.mta_sts.mx_mismatch";

    public const string TlsRptMissing = "dns_email.tlsrpt.missing";
    public const string TlsRptInvalid = "dns_email.tlsrpt.invalid";
}
