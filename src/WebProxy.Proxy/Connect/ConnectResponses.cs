using System.IO.Pipelines;
using System.Text;

namespace WebProxy.Proxy.Connect;

/// <summary>
/// The raw HTTP/1.1 answers to a CONNECT. Kestrel never sees a CONNECT that starts a connection, so these
/// are written straight to the transport. Bodies are short plain text: the client is usually a browser
/// that shows its own error for a failed CONNECT and never renders the body.
/// </summary>
internal static class ConnectResponses
{
    public static ReadOnlyMemory<byte> Established { get; } = "HTTP/1.1 200 Connection established\r\n\r\n"u8.ToArray();

    public static ValueTask<FlushResult> WriteEstablishedAsync(PipeWriter output, CancellationToken cancellationToken) =>
        output.WriteAsync(Established, cancellationToken);

    /// <summary>
    /// 407 with a Basic challenge (RFC 9110 §11.7.1, RFC 7617); the client retries the CONNECT on a new connection
    /// with credentials.
    /// </summary>
    public static ValueTask<FlushResult> WriteAuthenticationRequiredAsync(PipeWriter output, CancellationToken cancellationToken)
    {
        var body = "Proxy authentication required: sign in with your municipal account.\n"u8;
        var head = Encoding.ASCII.GetBytes(
            $"HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: {ProxyChallenge}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        return output.WriteAsync((byte[])[.. head, .. body], cancellationToken);
    }

    /// <summary>The challenge both the CONNECT path and the request path send.</summary>
    public const string ProxyChallenge = "Basic realm=\"WebProxy\", charset=\"UTF-8\"";

    /// <summary>Writes an error answer; the connection is closed afterwards (RFC 9112 §9.6 <c>Connection: close</c>).</summary>
    public static ValueTask<FlushResult> WriteErrorAsync(PipeWriter output, int status, string reason, string body, CancellationToken cancellationToken)
    {
        var bodyBytes = Encoding.UTF8.GetBytes(body + "\n");
        var head = $"HTTP/1.1 {status} {reason}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {bodyBytes.Length}\r\nConnection: close\r\nCache-Control: no-store\r\n\r\n";
        var bytes = new byte[Encoding.ASCII.GetByteCount(head) + bodyBytes.Length];
        var written = Encoding.ASCII.GetBytes(head, bytes);
        bodyBytes.CopyTo(bytes, written);
        return output.WriteAsync(bytes, cancellationToken);
    }
}
