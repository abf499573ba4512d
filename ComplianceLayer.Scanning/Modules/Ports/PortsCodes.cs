namespace ComplianceLayer.Scanning.Modules.Ports;

/// <summary>Finding codes of the ports module; never renamed once shipped. The subject of an exposure is the port.</summary>
public static class PortsCodes
{
    public const string Prefix = "ports.exposed.";

    public const string Ftp = Prefix + "ftp";
    public const string Ssh = Prefix + "ssh";
    public const string Telnet = Prefix + "telnet";
    public const string Smtp = Prefix + "smtp";
    public const string Dns = Prefix + "dns";
    public const string Pop3 = Prefix + "pop3";
    public const string Imap = Prefix + "imap";
    public const string MsRpc = Prefix + "msrpc";
    public const string NetBios = Prefix + "netbios";
    public const string Smb = Prefix + "smb";
    public const string MsSql = Prefix + "mssql";
    public const string Oracle = Prefix + "oracle";
    public const string Docker = Prefix + "docker";
    public const string DockerTls = Prefix + "docker_tls";
    public const string MySql = Prefix + "mysql";
    public const string Rdp = Prefix + "rdp";
    public const string PostgreSql = Prefix + "postgresql";
    public const string Vnc = Prefix + "vnc";
    public const string WinRm = Prefix + "winrm";
    public const string Redis = Prefix + "redis";
    public const string Elasticsearch = Prefix + "elasticsearch";
    public const string Memcached = Prefix + "memcached";
    public const string MongoDb = Prefix + "mongodb";

    /// <summary>An open port whose service neither its number nor its banner identifies.</summary>
    public const string Other = Prefix + "other";

    /// <summary>The host completed connections on ports where no service is expected, so port numbers prove nothing.</summary>
    public const string AcceptsAnyPort = "ports.accepts_any_port";
}
