using System.Net;

namespace ComplianceLayer.Scanning.Net;

/// <summary>
/// The target guard refused to contact an address (private, loopback, metadata, reserved…).
/// The message is written for people: the engine shows it as the scan's failure or a caveat.
/// </summary>
public sealed class ScanTargetRefusedException : Exception
{
    public ScanTargetRefusedException()
        : this("The scan target was refused.")
    {
    }

    public ScanTargetRefusedException(string message)
        : base(message)
    {
        Reason = message;
    }

    public ScanTargetRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    public ScanTargetRefusedException(string target, IPAddress? address, string reason)
        : base(address is null ? $"Refused to scan {target}: {reason}" : $"Refused to contact {target} ({address}): {reason}")
    {
        Target = target;
        Address = address;
        Reason = reason;
    }

    /// <summary>Host name, URL or address that was asked for.</summary>
    public string? Target { get; }

    /// <summary>The refused address, when one was involved.</summary>
    public IPAddress? Address { get; }

    /// <summary>Why, e.g. "10.0.0.1 is a private address (RFC 1918)".</summary>
    public string Reason { get; }
}

/// <summary>The host name has no usable address (NXDOMAIN, no A/AAAA, or DNS failed).</summary>
public sealed class ScanHostUnresolvedException : Exception
{
    public ScanHostUnresolvedException()
        : this("The host could not be resolved.")
    {
    }

    public ScanHostUnresolvedException(string message)
        : base(message)
    {
    }

    public ScanHostUnresolvedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ScanHostUnresolvedException(AddressResolution resolution)
        : base((resolution ?? throw new ArgumentNullException(nameof(resolution))).Problem ?? $"{resolution.Host} has no address")
    {
        Resolution = resolution;
    }

    /// <summary>The lookups, to tell NXDOMAIN from "no A/AAAA" from a DNS failure.</summary>
    public AddressResolution? Resolution { get; }
}
