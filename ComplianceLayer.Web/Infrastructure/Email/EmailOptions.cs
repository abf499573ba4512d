using System.ComponentModel.DataAnnotations;

namespace ComplianceLayer.Web.Infrastructure.Email;

/// <summary>SMTP settings. With no host, messages are written to the log (development sender).</summary>
public sealed class EmailOptions
{
    public const string SectionName = "Email";

    public string? SmtpHost { get; set; }

    [Range(1, 65535)]
    public int SmtpPort { get; set; } = 587;

    /// <summary>StartTls (default), SslOnConnect or None.</summary>
    [RegularExpression("^(StartTls|SslOnConnect|None)$")]
    public string Security { get; set; } = "StartTls";

    public string? Username { get; set; }

    public string? Password { get; set; }

    [Required, EmailAddress]
    public string FromAddress { get; set; } = "no-reply@compliancelayer.local";

    [Required]
    public string FromName { get; set; } = "ComplianceLayer";

    public bool IsSmtpConfigured => !string.IsNullOrWhiteSpace(SmtpHost);
}
