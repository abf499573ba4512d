using ComplianceLayer.Domain.Findings;

namespace ComplianceLayer.Scanning.Modules.Ports;

/// <summary>
/// A network service the ports module knows. <see cref="Code"/> is null for services that are expected on a public host
/// (the web); <see cref="Severity"/> is the severity of finding it open to the whole internet.
/// </summary>
public sealed record ServiceDefinition(
    string Key,
    string Name,
    IReadOnlyList<int> Ports,
    string? Code,
    Severity Severity,
    string Risk,
    string Remediation);

/// <summary>The services and their default ports, as data: severity by service, not by port alone.</summary>
public static class ServiceCatalog
{
    private const string RestrictAdmin =
        "Close the port at the firewall, or allow it only from known management addresses or through a VPN/bastion; require MFA for remote access.";

    private const string RestrictDatabase =
        "Do not expose the database to the internet: bind it to a private interface or firewall the port to the application servers only, and require authentication with strong credentials.";

    public static ServiceDefinition Ftp { get; } = new("ftp", "FTP", [21], PortsCodes.Ftp, Severity.Medium,
        "FTP sends credentials and files in cleartext and is a frequent brute-force target.",
        "Replace FTP with SFTP or FTPS, or restrict the port to known addresses.");

    public static ServiceDefinition Ssh { get; } = new("ssh", "SSH", [22], PortsCodes.Ssh, Severity.Info,
        "SSH is encrypted and normal for server administration; whether password authentication is allowed was not tested.",
        "Allow key-based authentication only, disable root login and consider restricting the port to known addresses.");

    public static ServiceDefinition Telnet { get; } = new("telnet", "Telnet", [23], PortsCodes.Telnet, Severity.Critical,
        "Telnet is an unencrypted remote login: credentials and sessions travel in cleartext.",
        "Disable Telnet and use SSH; close port 23 at the firewall.");

    public static ServiceDefinition Smtp { get; } = new("smtp", "SMTP", [25], PortsCodes.Smtp, Severity.Info,
        "An SMTP server answers on a host that is not one of the domain's MX hosts; open relaying was not tested.",
        "If this host should not receive mail, close port 25; otherwise make sure it is not an open relay.");

    public static ServiceDefinition Dns { get; } = new("dns", "DNS", [53], PortsCodes.Dns, Severity.Info,
        "A DNS server answers on TCP; whether it resolves recursively for anyone (an amplification and cache-poisoning risk) was not tested.",
        "If this is not an authoritative name server, close port 53; if it is, disable recursion for outside clients.");

    public static ServiceDefinition Http { get; } = new("http", "HTTP", [80, 8080], null, Severity.Info, "Web server.", "");

    public static ServiceDefinition Https { get; } = new("https", "HTTPS", [443, 8443], null, Severity.Info, "Web server.", "");

    public static ServiceDefinition Pop3 { get; } = new("pop3", "POP3", [110], PortsCodes.Pop3, Severity.Low,
        "POP3 on port 110 is cleartext unless every client uses STARTTLS.",
        "Offer POP3 over TLS on port 995 only, or require STARTTLS before authentication.");

    public static ServiceDefinition Imap { get; } = new("imap", "IMAP", [143], PortsCodes.Imap, Severity.Low,
        "IMAP on port 143 is cleartext unless every client uses STARTTLS.",
        "Offer IMAP over TLS on port 993 only, or require STARTTLS before authentication.");

    public static ServiceDefinition MsRpc { get; } = new("msrpc", "Microsoft RPC", [135], PortsCodes.MsRpc, Severity.Critical,
        "The Windows RPC endpoint mapper should never face the internet: it exposes Windows services to enumeration and exploits.",
        RestrictAdmin);

    public static ServiceDefinition NetBios { get; } = new("netbios", "NetBIOS session service", [139], PortsCodes.NetBios, Severity.Critical,
        "NetBIOS file sharing exposes Windows shares and host information to the internet.",
        "Close port 139 at the firewall; Windows file sharing belongs on the internal network or behind a VPN.");

    public static ServiceDefinition Smb { get; } = new("smb", "SMB", [445], PortsCodes.Smb, Severity.Critical,
        "SMB file sharing open to the internet is the entry point of worms and ransomware (EternalBlue, WannaCry).",
        "Close port 445 at the firewall; Windows file sharing belongs on the internal network or behind a VPN.");

    public static ServiceDefinition MsSql { get; } = new("mssql", "Microsoft SQL Server", [1433], PortsCodes.MsSql, Severity.High,
        "A database listener reachable from the internet is exposed to credential brute force and database exploits.", RestrictDatabase);

    public static ServiceDefinition Oracle { get; } = new("oracle", "Oracle TNS listener", [1521], PortsCodes.Oracle, Severity.High,
        "A database listener reachable from the internet is exposed to credential brute force and database exploits.", RestrictDatabase);

    public static ServiceDefinition Docker { get; } = new("docker", "Docker API (plain HTTP)", [2375], PortsCodes.Docker, Severity.Critical,
        "Port 2375 is the Docker Engine API without TLS, which by convention has no authentication: anyone who reaches it can run containers as root on the host.",
        "Close port 2375 immediately; if remote Docker access is needed, use TLS client certificates on 2376 from known addresses only.");

    public static ServiceDefinition DockerTls { get; } = new("docker_tls", "Docker API (TLS)", [2376], PortsCodes.DockerTls, Severity.High,
        "The Docker Engine API over TLS gives full control of the host to anyone holding a client certificate; it should not face the internet.",
        "Restrict port 2376 to known management addresses and make sure client-certificate verification (tlsverify) is on.");

    public static ServiceDefinition MySql { get; } = new("mysql", "MySQL/MariaDB", [3306], PortsCodes.MySql, Severity.High,
        "A database listener reachable from the internet is exposed to credential brute force and database exploits.", RestrictDatabase);

    public static ServiceDefinition Rdp { get; } = new("rdp", "Remote Desktop (RDP)", [3389], PortsCodes.Rdp, Severity.Critical,
        "RDP open to the internet is the most common initial access vector for ransomware (brute force, BlueKeep-class exploits).",
        RestrictAdmin);

    public static ServiceDefinition PostgreSql { get; } = new("postgresql", "PostgreSQL", [5432], PortsCodes.PostgreSql, Severity.High,
        "A database listener reachable from the internet is exposed to credential brute force and database exploits.", RestrictDatabase);

    public static ServiceDefinition Vnc { get; } = new("vnc", "VNC remote desktop", [5900], PortsCodes.Vnc, Severity.High,
        "VNC often uses weak or no passwords and weak encryption; open to the internet it gives away the desktop.",
        RestrictAdmin);

    public static ServiceDefinition WinRm { get; } = new("winrm", "Windows Remote Management", [5985, 5986], PortsCodes.WinRm, Severity.High,
        "WinRM is remote PowerShell administration of Windows; open to the internet it is a brute-force and lateral-movement target.",
        RestrictAdmin);

    public static ServiceDefinition Redis { get; } = new("redis", "Redis", [6379], PortsCodes.Redis, Severity.Critical,
        "Redis has no authentication by default; an exposed instance leaks its data and is routinely abused to take over the host.",
        RestrictDatabase);

    public static ServiceDefinition Elasticsearch { get; } = new("elasticsearch", "Elasticsearch", [9200], PortsCodes.Elasticsearch, Severity.Critical,
        "Elasticsearch's HTTP API is often reachable without authentication; exposed clusters are a leading cause of data leaks.",
        RestrictDatabase);

    public static ServiceDefinition Memcached { get; } = new("memcached", "Memcached", [11211], PortsCodes.Memcached, Severity.Critical,
        "Memcached has no authentication: its cached data is readable and it has been abused for large DDoS amplification attacks.",
        RestrictDatabase);

    public static ServiceDefinition MongoDb { get; } = new("mongodb", "MongoDB", [27017], PortsCodes.MongoDb, Severity.Critical,
        "MongoDB instances exposed to the internet, often without authentication, are mass-scanned and ransomed.",
        RestrictDatabase);

    public static ServiceDefinition Other { get; } = new("unknown", "unidentified service", [], PortsCodes.Other, Severity.Info,
        "A port outside the known list is open and its banner did not identify the service.",
        "Check what listens on this port and close it at the firewall if it does not need to be public.");

    public static IReadOnlyList<ServiceDefinition> All { get; } =
    [
        Ftp, Ssh, Telnet, Smtp, Dns, Http, Https, Pop3, Imap, MsRpc, NetBios, Smb, MsSql, Oracle, Docker, DockerTls, MySql, Rdp,
        PostgreSql, Vnc, WinRm, Redis, Elasticsearch, Memcached, MongoDb,
    ];

    private static readonly Dictionary<int, ServiceDefinition> ByPort = All.SelectMany(s => s.Ports.Select(p => (p, s))).ToDictionary(x => x.p, x => x.s);

    /// <summary>The service conventionally on <paramref name="port"/>, or null.</summary>
    public static ServiceDefinition? ForPort(int port) => ByPort.GetValueOrDefault(port);
}
