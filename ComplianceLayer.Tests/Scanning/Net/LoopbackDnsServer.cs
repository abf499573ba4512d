using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ComplianceLayer.Tests.Scanning.Net;

/// <summary>
/// A minimal authoritative DNS server on 127.0.0.1:&lt;random UDP port&gt;: answers A, AAAA, TXT and MX
/// from a dictionary, NXDOMAIN for unknown names, NODATA for known names without the type, and can
/// be told to SERVFAIL or stay silent for a name. Real packets, so DnsClient is tested as in production.
/// RRSIG records added with <see cref="AddRecord"/> come with the RRset they cover when the query has the DO bit.
/// </summary>
public sealed class LoopbackDnsServer : IDisposable
{
    private const ushort TypeA = 1;
    private const ushort TypeMx = 15;
    private const ushort TypeTxt = 16;
    private const ushort TypeAaaa = 28;
    private const ushort TypeOpt = 41;
    private const ushort TypeRrsig = 46;

    private readonly UdpClient _udp;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, ConcurrentBag<(ushort Type, byte[] Data)>> _zone = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, bool> _servFail = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, bool> _silent = new(StringComparer.OrdinalIgnoreCase);
    private readonly Task _loop;

    public LoopbackDnsServer()
    {
        _udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        EndPoint = (IPEndPoint)_udp.Client.LocalEndPoint!;
        _loop = Task.Run(RunAsync);
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>"127.0.0.1:port", as Scanning:DnsServers takes it.</summary>
    public string ServerSetting => $"127.0.0.1:{EndPoint.Port}";

    public ConcurrentQueue<DnsTestQuery> Queries { get; } = new();

    public LoopbackDnsServer AddA(string name, string address) => Add(name, TypeA, IPAddress.Parse(address).GetAddressBytes());

    public LoopbackDnsServer AddAaaa(string name, string address) => Add(name, TypeAaaa, IPAddress.Parse(address).GetAddressBytes());

    public LoopbackDnsServer AddTxt(string name, string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        var data = new List<byte>();
        for (var offset = 0; offset < bytes.Length || offset == 0; offset += 255)
        {
            var chunk = bytes.AsSpan(offset, Math.Min(255, bytes.Length - offset));
            data.Add((byte)chunk.Length);
            data.AddRange(chunk.ToArray());
            if (bytes.Length == 0)
            {
                break;
            }
        }

        return Add(name, TypeTxt, [.. data]);
    }

    public LoopbackDnsServer AddMx(string name, ushort preference, string exchange)
    {
        var data = new List<byte> { (byte)(preference >> 8), (byte)preference };
        data.AddRange(EncodeName(exchange));
        return Add(name, TypeMx, [.. data]);
    }

    /// <summary>The name exists but has no records (NOERROR, empty answer).</summary>
    public LoopbackDnsServer AddName(string name)
    {
        _zone.GetOrAdd(Normalize(name), _ => []);
        return this;
    }

    public LoopbackDnsServer ServFail(string name)
    {
        _servFail[Normalize(name)] = true;
        return this;
    }

    public LoopbackDnsServer Silent(string name)
    {
        _silent[Normalize(name)] = true;
        return this;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _udp.Dispose();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            // The loop ends with the socket; its exception is expected.
        }

        _stop.Dispose();
    }

    /// <summary>Any record type with raw RDATA (wire format), for record types this server has no helper for.</summary>
    public LoopbackDnsServer AddRecord(string name, ushort type, byte[] data) => Add(name, type, data);

    private LoopbackDnsServer Add(string name, ushort type, byte[] data)
    {
        _zone.GetOrAdd(Normalize(name), _ => []).Add((type, data));
        return this;
    }

    private static string Normalize(string name) => name.TrimEnd('.').ToLowerInvariant();

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult received;
            try
            {
                received = await _udp.ReceiveAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var response = Answer(received.Buffer);
            if (response is not null)
            {
                try
                {
                    await _udp.SendAsync(response, received.RemoteEndPoint, _stop.Token);
                }
                catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
                {
                    return;
                }
            }
        }
    }

    private byte[]? Answer(byte[] query)
    {
        if (query.Length < 12)
        {
            return null;
        }

        var flags = BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(2));
        var offset = 12;
        var labels = new List<string>();
        while (offset < query.Length && query[offset] != 0)
        {
            var length = query[offset];
            labels.Add(Encoding.ASCII.GetString(query, offset + 1, length));
            offset += length + 1;
        }

        offset++;
        var questionEnd = offset + 4;
        var type = BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(offset));
        var name = string.Join('.', labels).ToLowerInvariant();
        var additionalCount = BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(10));
        var dnsSecOk = false;
        if (additionalCount > 0 && questionEnd + 11 <= query.Length && query[questionEnd] == 0
            && BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(questionEnd + 1)) == TypeOpt)
        {
            // OPT: name(1) type(2) class(2) ttl(4) = extended rcode, version, flags (DO is the top bit).
            dnsSecOk = (query[questionEnd + 7] & 0x80) != 0;
        }

        Queries.Enqueue(new DnsTestQuery(name, type, dnsSecOk));
        if (_silent.ContainsKey(name))
        {
            return null;
        }

        var rcode = 0;
        var answers = new List<(ushort Type, byte[] Data)>();
        if (_servFail.ContainsKey(name))
        {
            rcode = 2;
        }
        else if (_zone.TryGetValue(name, out var records))
        {
            answers.AddRange(records.Where(r => r.Type == type));
            if (dnsSecOk && type != TypeRrsig && answers.Count > 0)
            {
                // As a DNSSEC-aware server: with DO, the RRSIGs covering the answered type (RDATA starts with the covered type).
                answers.AddRange(records.Where(r => r.Type == TypeRrsig && r.Data.Length >= 2 && BinaryPrimitives.ReadUInt16BigEndian(r.Data) == type));
            }
        }
        else
        {
            rcode = 3;
        }

        var response = new List<byte>();
        response.AddRange(query.AsSpan(0, 2).ToArray());
        var responseFlags = (ushort)(0x8000 | (flags & 0x7800) | 0x0400 | (flags & 0x0100) | 0x0080 | rcode);
        response.Add((byte)(responseFlags >> 8));
        response.Add((byte)responseFlags);
        response.AddRange([0, 1, (byte)(answers.Count >> 8), (byte)answers.Count, 0, 0, 0, 0]);
        response.AddRange(query.AsSpan(12, questionEnd - 12).ToArray());
        foreach (var (recordType, data) in answers)
        {
            response.AddRange([0xC0, 0x0C, (byte)(recordType >> 8), (byte)recordType, 0, 1, 0, 0, 0, 60, (byte)(data.Length >> 8), (byte)data.Length]);
            response.AddRange(data);
        }

        return [.. response];
    }

    public static byte[] EncodeName(string name)
    {
        var bytes = new List<byte>();
        foreach (var label in name.TrimEnd('.').Split('.'))
        {
            bytes.Add((byte)label.Length);
            bytes.AddRange(Encoding.ASCII.GetBytes(label));
        }

        bytes.Add(0);
        return [.. bytes];
    }
}

public sealed record DnsTestQuery(string Name, ushort Type, bool DnsSecOk);
