using System.Buffers;

namespace WebProxy.Proxy.Interception;

/// <summary>What the first bytes of a connection say about TLS.</summary>
internal enum ClientHelloVerdict
{
    NeedMoreData,
    ClientHello,
    NotTls,
}

/// <summary>
/// Recognises the start of a TLS ClientHello from the first six bytes, without consuming them: record type
/// handshake (22) and a TLS major version of 3 (RFC 8446 §5.1), then handshake type client_hello (1, §4).
/// </summary>
internal static class ClientHelloSniffer
{
    private const int BytesNeeded = 6;
    private const byte HandshakeRecord = 22;
    private const byte TlsMajorVersion = 3;
    private const byte ClientHelloType = 1;

    public static ClientHelloVerdict Inspect(ReadOnlySequence<byte> buffer)
    {
        Span<byte> start = stackalloc byte[BytesNeeded];
        var available = (int)Math.Min(buffer.Length, BytesNeeded);
        buffer.Slice(0, available).CopyTo(start);

        if ((available > 0 && start[0] != HandshakeRecord) || (available > 1 && start[1] != TlsMajorVersion))
        {
            return ClientHelloVerdict.NotTls;
        }

        if (available < BytesNeeded)
        {
            return ClientHelloVerdict.NeedMoreData;
        }

        return start[5] == ClientHelloType ? ClientHelloVerdict.ClientHello : ClientHelloVerdict.NotTls;
    }
}
