using System.Net;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace ComplianceLayer.Web.Infrastructure.Tenancy;

/// <summary>
/// The IP address the current scope's user connects from, for the audit log. In an HTTP request (endpoints, API) it is
/// read from the request. A Blazor circuit has no HTTP request after it starts, so <see cref="ClientAddressCircuitHandler"/>
/// captures the address of the connection that opened the circuit (the WebSocket upgrade request) once, at circuit start.
/// Behind a reverse proxy the address is the proxy's unless forwarded headers are configured.
/// </summary>
public sealed class ClientAddress(IHttpContextAccessor http)
{
    private string? _captured;

    public string? Value => _captured ?? From(http.HttpContext);

    public void Capture(HttpContext? context) => _captured ??= From(context);

    public static string? From(HttpContext? context) => context?.Connection.RemoteIpAddress is { } address ? Format(address) : null;

    public static string Format(IPAddress address) => (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
}

/// <summary>Captures the circuit's client address while the connection's HTTP context is still at hand.</summary>
public sealed class ClientAddressCircuitHandler(ClientAddress address, IHttpContextAccessor http) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        address.Capture(http.HttpContext);
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        address.Capture(http.HttpContext);
        return Task.CompletedTask;
    }
}
