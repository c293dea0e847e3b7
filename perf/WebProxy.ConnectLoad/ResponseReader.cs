using System.Buffers.Text;
using System.Text;

namespace WebProxy.ConnectLoad;

/// <summary>
/// Reads HTTP/1.1 responses from a stream through one reusable buffer: the head is parsed just enough for the
/// load client (status, Content-Length, Connection: close), the body is read and discarded. Never reads past the
/// end of the current response, so the next response on a kept-alive connection starts at the buffer's start.
/// </summary>
internal sealed class ResponseReader
{
    private const int BufferSize = 16 * 1024;

    private readonly byte[] _buffer = new byte[BufferSize];
    private int _start;
    private int _end;

    /// <summary>Whether bytes beyond the last parsed message are waiting in the buffer.</summary>
    public bool HasBufferedBytes => _end > _start;

    public async ValueTask<ResponseHead> ReadHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryParseHead(out var head))
            {
                return head;
            }

            if (_end == _buffer.Length)
            {
                if (_start == 0)
                {
                    throw new LoadFailure(FailureKind.Protocol, $"the response head is larger than {BufferSize} bytes");
                }

                Compact();
            }

            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new LoadFailure(FailureKind.Closed, "the connection closed before the response head was complete");
            }

            _end += read;
        }
    }

    /// <summary>Reads and discards <paramref name="length"/> body bytes, taking the buffered ones first.</summary>
    public async ValueTask SkipBodyAsync(Stream stream, long length, CancellationToken cancellationToken)
    {
        var buffered = (int)Math.Min(length, _end - _start);
        _start += buffered;
        var remaining = length - buffered;
        if (_start == _end)
        {
            _start = 0;
            _end = 0;
        }

        while (remaining > 0)
        {
            // Bounded by what is left, so nothing of a following response is swallowed. The buffer is empty here.
            var read = await stream.ReadAsync(_buffer.AsMemory(0, (int)Math.Min(remaining, _buffer.Length)), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new LoadFailure(FailureKind.Closed, $"the connection closed with {remaining} body bytes still to come");
            }

            remaining -= read;
        }
    }

    private void Compact()
    {
        var length = _end - _start;
        _buffer.AsSpan(_start, length).CopyTo(_buffer);
        _start = 0;
        _end = length;
    }

    private bool TryParseHead(out ResponseHead head)
    {
        head = default;
        var data = _buffer.AsSpan(_start, _end - _start);
        var endOfHead = data.IndexOf("\r\n\r\n"u8);
        if (endOfHead < 0)
        {
            return false;
        }

        head = Parse(data[..endOfHead]);
        _start += endOfHead + 4;
        return true;
    }

    private static ResponseHead Parse(ReadOnlySpan<byte> head)
    {
        // Status line (RFC 9112 §4): HTTP-version SP 3DIGIT SP [reason-phrase].
        var lineEnd = head.IndexOf("\r\n"u8);
        var statusLine = lineEnd < 0 ? head : head[..lineEnd];
        if (statusLine.Length < 12 || !statusLine.StartsWith("HTTP/1."u8) || statusLine[8] != (byte)' '
            || !Utf8Parser.TryParse(statusLine.Slice(9, 3), out int status, out var consumed) || consumed != 3)
        {
            throw new LoadFailure(FailureKind.Protocol, "the response does not start with an HTTP/1.x status line");
        }

        long contentLength = -1;
        var close = false;
        var rest = lineEnd < 0 ? [] : head[(lineEnd + 2)..];
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf("\r\n"u8);
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                throw new LoadFailure(FailureKind.Protocol, "a response header line has no field name");
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim((byte)' ');
            if (Ascii.EqualsIgnoreCase(name, "content-length"u8))
            {
                if (!Utf8Parser.TryParse(value, out contentLength, out var used) || used != value.Length || contentLength < 0)
                {
                    throw new LoadFailure(FailureKind.Protocol, "the response has an invalid Content-Length");
                }
            }
            else if (Ascii.EqualsIgnoreCase(name, "transfer-encoding"u8))
            {
                throw new LoadFailure(FailureKind.Protocol, "chunked responses are not supported by the load client");
            }
            else if (Ascii.EqualsIgnoreCase(name, "connection"u8) && value.IndexOf("close"u8) >= 0)
            {
                close = true;
            }
        }

        return new ResponseHead(status, contentLength, close);
    }
}
