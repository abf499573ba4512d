namespace ComplianceLayer.Scanning.Modules.Ssl.Probing;

/// <summary>
/// Passes a socket stream through and keeps the first bytes the server sent, so that a failed library handshake can
/// still be judged from the server's own ServerHello or alert.
/// </summary>
internal sealed class RecordingStream(Stream inner) : Stream
{
    private const int Keep = 8192;
    private readonly byte[] _received = new byte[Keep];
    private int _count;

    /// <summary>Still readable after the TLS library disposed the stream (it does on a fatal alert).</summary>
    public ReadOnlySpan<byte> Received => _received.AsSpan(0, _count);

    /// <summary>A read returned 0: the server closed its side.</summary>
    public bool EndOfStream { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = inner.Read(buffer, offset, count);
        if (read == 0)
        {
            EndOfStream = true;
        }
        else
        {
            var kept = Math.Min(read, Keep - _count);
            Array.Copy(buffer, offset, _received, _count, kept);
            _count += kept;
        }

        return read;
    }

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override void Flush() => inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
