namespace WebProxy.Categories.Import;

/// <summary>
/// Reads several streams one after the other, as one: the parts of a byte-split list (<c>split -b 50M</c> cuts
/// lines in two, so the parts are joined before any line is read). Owns and disposes the parts.
/// </summary>
internal sealed class ConcatenatedStream : Stream
{
    private readonly Stream[] _parts;
    private int _current;

    public ConcatenatedStream(IEnumerable<Stream> parts)
    {
        _parts = [.. parts];
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (_current < _parts.Length)
        {
            var read = _parts[_current].Read(buffer);
            if (read > 0 || buffer.IsEmpty)
            {
                return read;
            }

            _current++;
        }

        return 0;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var part in _parts)
            {
                part.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}
