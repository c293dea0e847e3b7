using System.Buffers;
using System.Text;

namespace WebProxy.Proxy.Connect;

/// <summary>
/// Reads the head of the first request on a connection far enough to tell whether it is a CONNECT, without
/// consuming anything that is not. Pure: bytes in, verdict out, so every edge is tested without sockets.
/// </summary>
internal static class ConnectHeadReader
{
    private static ReadOnlySpan<byte> ConnectPrefix => "CONNECT "u8;

    private static ReadOnlySpan<byte> EndOfHead => "\r\n\r\n"u8;

    public static ConnectHead Read(ReadOnlySequence<byte> buffer, int maxHeadBytes)
    {
        Span<byte> start = stackalloc byte[8];
        var available = (int)Math.Min(buffer.Length, start.Length);
        buffer.Slice(0, available).CopyTo(start);
        if (!ConnectPrefix[..available].SequenceEqual(start[..available]))
        {
            return ConnectHead.NotConnect;
        }

        if (available < ConnectPrefix.Length)
        {
            return ConnectHead.Incomplete;
        }

        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> head, EndOfHead, advancePastDelimiter: true))
        {
            return buffer.Length > maxHeadBytes ? ConnectHead.TooLarge : ConnectHead.Incomplete;
        }

        if (reader.Consumed > maxHeadBytes)
        {
            return ConnectHead.TooLarge;
        }

        // Latin-1 keeps every byte as one char, so a stray non-ASCII byte shows up as invalid instead of
        // being silently replaced (RFC 9110 §5.5: field values are octets; only ASCII is meaningful here).
        var text = Encoding.Latin1.GetString(head);
        return Parse(text, reader.Consumed);
    }

    private static ConnectHead Parse(string head, long length)
    {
        var lines = head.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3)
        {
            return ConnectHead.Malformed("the request line must be: CONNECT host:port HTTP/1.1");
        }

        if (requestLine[2] is not ("HTTP/1.1" or "HTTP/1.0"))
        {
            return ConnectHead.Malformed("the request line must end in HTTP/1.1 or HTTP/1.0");
        }

        string? proxyAuthorization = null;
        for (var i = 1; i < lines.Length; i++)
        {
            var error = CheckHeaderLine(lines[i]);
            if (error is not null)
            {
                return ConnectHead.Malformed(error);
            }

            if (lines[i].StartsWith("Proxy-Authorization:", StringComparison.OrdinalIgnoreCase))
            {
                proxyAuthorization = lines[i]["Proxy-Authorization:".Length..].Trim();
            }
        }

        return new ConnectHead(ConnectHeadStatus.Complete, length, requestLine[1], ProxyAuthorization: proxyAuthorization);
    }

    private static string? CheckHeaderLine(string line)
    {
        if (line.Length > 0 && line[0] is ' ' or '\t')
        {
            // RFC 9112 §5.2: obsolete line folding must be rejected with 400 outside message/http.
            return "header line folding is not allowed";
        }

        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return "a header line has no field name";
        }

        foreach (var c in line.AsSpan(0, colon))
        {
            if (!IsTokenChar(c))
            {
                // RFC 9112 §5.1: no whitespace between field name and colon.
                return "a header field name contains an invalid character";
            }
        }

        foreach (var c in line.AsSpan(colon + 1))
        {
            if (c is '\r' or '\n' or '\0')
            {
                return "a header field value contains a control character";
            }
        }

        return null;
    }

    // RFC 9110 §5.6.2 tchar.
    private static bool IsTokenChar(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
            or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';
}
