namespace ComplianceLayer.Scanning.Modules.Ssl.Probing;

/// <summary>
/// Passes a socket stream through and keeps the first bytes the server sent, so that a failed library handshake can
/// still be judged from the server's own ServerHello or alert.
/// </summary>
internal sealed class RecordingStream(Stream inner) : Stream
{
    private const int Keep = 8192;
    private readonly MemoryStream _received = new();

    public ReadOnlySpan<byte> Received => _received.GetBuffer().AsSpan(0, (int)_received.Length);

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
        else if (_received.Length < Keep)
        {
            _received.Write(buffer, offset, (int)Math.Min(read, Keep - _received.Length));
        }

        return read;
    }

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override void Flush() => inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _received.Dispose();
        }

        base.Dispose(disposing);
    }
}
