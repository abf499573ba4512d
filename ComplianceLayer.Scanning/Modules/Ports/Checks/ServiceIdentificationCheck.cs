using System.Text;
using System.Text.RegularExpressions;

namespace ComplianceLayer.Scanning.Modules.Ports.Checks;

/// <summary>How a service was recognised: from what it said, or only from the port number it listens on.</summary>
public enum IdentifiedBy
{
    Port,
    Banner,
}

/// <param name="Service">The service.</param>
/// <param name="By">Banner or port number.</param>
/// <param name="Note">What the banner revealed (product, version, authentication), or null.</param>
/// <param name="AuthenticationRequired">True/false when the banner proves it, null when unknown.</param>
public sealed record ServiceIdentity(ServiceDefinition Service, IdentifiedBy By, string? Note, bool? AuthenticationRequired = null);

/// <summary>
/// Names the service on an open port from its banner when the banner is conclusive, otherwise from the port number.
/// A banner beats the port: SSH on 3389 is SSH, not RDP.
/// </summary>
public static partial class ServiceIdentificationCheck
{
    public static ServiceIdentity Identify(int port, string? banner)
    {
        var fromBanner = string.IsNullOrWhiteSpace(banner) ? null : FromBanner(port, banner);
        if (fromBanner is not null)
        {
            return fromBanner;
        }

        var byPort = ServiceCatalog.ForPort(port);
        return byPort is null
            ? new ServiceIdentity(ServiceCatalog.Other, IdentifiedBy.Port, null)
            : new ServiceIdentity(byPort, IdentifiedBy.Port, null);
    }

    private static ServiceIdentity? FromBanner(int port, string banner)
    {
        var text = banner.TrimStart();
        if (SshPattern().Match(text) is { Success: true } ssh)
        {
            return Banner(ServiceCatalog.Ssh, $"SSH server {ssh.Groups["software"].Value}");
        }

        if (text.StartsWith("RFB 00", StringComparison.Ordinal))
        {
            return Banner(ServiceCatalog.Vnc, $"VNC protocol {text[4..Math.Min(text.Length, 11)]}");
        }

        if (text.StartsWith("+PONG", StringComparison.Ordinal))
        {
            return new ServiceIdentity(ServiceCatalog.Redis, IdentifiedBy.Banner, "Redis answered PING without authentication", AuthenticationRequired: false);
        }

        if (text.StartsWith("-NOAUTH", StringComparison.Ordinal))
        {
            return new ServiceIdentity(ServiceCatalog.Redis, IdentifiedBy.Banner, "Redis requires authentication (NOAUTH)", AuthenticationRequired: true);
        }

        if (text.StartsWith("-DENIED", StringComparison.Ordinal) && text.Contains("Redis", StringComparison.Ordinal))
        {
            return new ServiceIdentity(ServiceCatalog.Redis, IdentifiedBy.Banner, "Redis refuses outside clients (protected mode)", AuthenticationRequired: true);
        }

        if (text.StartsWith("220", StringComparison.Ordinal))
        {
            if (FtpPattern().IsMatch(text) || (port == 21 && !SmtpPattern().IsMatch(text)))
            {
                return Banner(ServiceCatalog.Ftp, null);
            }

            if (SmtpPattern().IsMatch(text) || port is 25 or 587 or 465)
            {
                return Banner(ServiceCatalog.Smtp, null);
            }
        }

        if (text.StartsWith("* OK", StringComparison.Ordinal) && (port == 143 || text.Contains("IMAP", StringComparison.OrdinalIgnoreCase)))
        {
            return Banner(ServiceCatalog.Imap, null);
        }

        if (text.StartsWith("+OK", StringComparison.Ordinal))
        {
            return Banner(ServiceCatalog.Pop3, null);
        }

        if (text.StartsWith("HTTP/1.", StringComparison.Ordinal))
        {
            return Banner(ServiceCatalog.ForPort(port) is { Code: null } web ? web : ServiceCatalog.Http, null);
        }

        var bytes = BannerText.ToBytes(banner);
        if (bytes.Length >= 3 && bytes[0] == 0xff && bytes[1] is >= 0xfb and <= 0xfe)
        {
            return Banner(ServiceCatalog.Telnet, "Telnet option negotiation (IAC)");
        }

        return MySqlGreeting(bytes);
    }

    /// <summary>The MySQL/MariaDB server greeting: 3-byte length, sequence 0, then protocol 10 and a NUL-terminated version, or an error packet.</summary>
    private static ServiceIdentity? MySqlGreeting(byte[] bytes)
    {
        if (bytes.Length < 6 || bytes[3] != 0)
        {
            return null;
        }

        var length = bytes[0] | (bytes[1] << 8) | (bytes[2] << 16);
        if (length < 2 || length > 1024)
        {
            return null;
        }

        if (bytes[4] == 0x0a)
        {
            var end = Array.IndexOf(bytes, (byte)0, 5);
            var version = end > 5 ? Encoding.ASCII.GetString(bytes, 5, end - 5) : "";
            return MySqlVersionPattern().IsMatch(version)
                ? Banner(ServiceCatalog.MySql, $"MySQL protocol 10, server version {version}")
                : null;
        }

        if (bytes[4] == 0xff && bytes.Length > 7)
        {
            var message = Encoding.ASCII.GetString(bytes, 7, bytes.Length - 7);
            return message.Contains("MySQL", StringComparison.OrdinalIgnoreCase) || message.Contains("MariaDB", StringComparison.OrdinalIgnoreCase)
                ? Banner(ServiceCatalog.MySql, "MySQL error packet (the server refuses this client, but the listener is reachable)")
                : null;
        }

        return null;
    }

    private static ServiceIdentity Banner(ServiceDefinition service, string? note) => new(service, IdentifiedBy.Banner, note);

    [GeneratedRegex(@"\ASSH-(1\.99|2\.0)-(?<software>[\x21-\x7e]+)", RegexOptions.CultureInvariant)]
    private static partial Regex SshPattern();

    [GeneratedRegex(@"FTP|FileZilla|vsftpd|Pure-FTPd|ProFTPD|Microsoft FTP", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex FtpPattern();

    [GeneratedRegex(@"E?SMTP|Postfix|Exim|Sendmail|Mail Service", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SmtpPattern();

    [GeneratedRegex(@"\A\d+\.\d+\.\d+[\x21-\x7e]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex MySqlVersionPattern();
}
