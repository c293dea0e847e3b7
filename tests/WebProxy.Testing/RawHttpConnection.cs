using System.Net.Sockets;
using System.Text;

namespace WebProxy.Testing;

/// <summary>
/// A TCP connection to the proxy that writes exact bytes and reads exact answers, for the cases an HTTP
/// client library would smooth over (malformed requests, CONNECT heads, several requests on one connection).
/// </summary>
public sealed class RawHttpConnection : IAsyncDisposable
{
    private readonly TcpClient _client;

    private RawHttpConnection(TcpClient client)
    {
        _client = client;
        Stream = client.GetStream();
    }

    public NetworkStream Stream { get; }

    public static async Task<RawHttpConnection> OpenAsync(int port)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(System.Net.IPAddress.Loopback, port).ConfigureAwait(false);
        return new RawHttpConnection(client);
    }

    public async Task SendAsync(string text)
    {
        await Stream.WriteAsync(Encoding.ASCII.GetBytes(text)).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads one response head (through the empty line) and, when it has Content-Length, its body; an answer to
    /// HEAD has no body whatever its Content-Length says (RFC 9110 §9.3.2), so pass <paramref name="headOnly"/>.
    /// </summary>
    public async Task<RawResponse> ReadResponseAsync(TimeSpan? timeout = null, bool headOnly = false)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await Stream.ReadAsync(one, cts.Token).ConfigureAwait(false) == 0)
            {
                throw new EndOfStreamException($"The connection closed after: {head}");
            }

            head.Append((char)one[0]);
        }

        var response = RawResponse.ParseHead(head.ToString());
        if (!headOnly && response.ContentLength is { } length && length > 0)
        {
            var body = new byte[length];
            await Stream.ReadExactlyAsync(body, cts.Token).ConfigureAwait(false);
            response = response with { Body = Encoding.UTF8.GetString(body) };
        }

        return response;
    }

    /// <summary>True when the peer closes the connection within the timeout (reads return 0 or fail).</summary>
    public async Task<bool> IsClosedByPeerAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                if (await Stream.ReadAsync(buffer, cts.Token).ConfigureAwait(false) == 0)
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
