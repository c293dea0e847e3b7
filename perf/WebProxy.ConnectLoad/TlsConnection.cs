using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;

namespace WebProxy.ConnectLoad;

/// <summary>
/// One client connection: TCP to the proxy, CONNECT, wait for 200, TLS to the origin name through the tunnel;
/// or TCP and TLS straight to the origin. Then HTTP/1.1 requests, one at a time.
/// </summary>
internal sealed class TlsConnection : IAsyncDisposable
{
    private readonly SslStream _tls;
    private readonly ResponseReader _reader;

    private TlsConnection(SslStream tls, ResponseReader reader)
    {
        _tls = tls;
        _reader = reader;
    }

    /// <summary>Whether the last response said the server closes the connection.</summary>
    public bool Closed { get; private set; }

    public static async Task<TlsConnection> OpenAsync(LoadTarget target, CancellationToken cancellationToken)
    {
        var socket = new Socket(target.Dial.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        NetworkStream? network = null;
        try
        {
            try
            {
                await socket.ConnectAsync(target.Dial, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException ex)
            {
                throw new LoadFailure(FailureKind.Connect, $"cannot connect to {target.Dial}: {ex.SocketErrorCode}");
            }

            network = new NetworkStream(socket, ownsSocket: true);
            var reader = new ResponseReader();
            if (target.ViaProxy)
            {
                await network.WriteAsync(target.ConnectRequest, cancellationToken).ConfigureAwait(false);
                var answer = await reader.ReadHeadAsync(network, cancellationToken).ConfigureAwait(false);
                if (answer.Status != 200)
                {
                    throw new LoadFailure(FailureKind.ConnectRefused, $"the proxy answered CONNECT with {answer.Status}");
                }

                // A 2xx to CONNECT has no body (RFC 9110 §9.3.6); the server speaks TLS only after our ClientHello.
                if (reader.HasBufferedBytes)
                {
                    throw new LoadFailure(FailureKind.Protocol, "bytes arrived after the CONNECT response before the TLS handshake");
                }
            }

            var tls = new SslStream(network, leaveInnerStreamOpen: false);
            try
            {
                await tls.AuthenticateAsClientAsync(target.CreateTlsOptions(), cancellationToken).ConfigureAwait(false);
            }
            catch (AuthenticationException ex)
            {
                await tls.DisposeAsync().ConfigureAwait(false);
                throw new LoadFailure(FailureKind.Tls, $"TLS handshake failed: {ex.Message}");
            }

            return new TlsConnection(tls, reader);
        }
        catch
        {
            if (network is not null)
            {
                await network.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                socket.Dispose();
            }

            throw;
        }
    }

    /// <summary>Sends one request and reads its whole response; returns the body length.</summary>
    public async Task<long> ExchangeAsync(ReadOnlyMemory<byte> request, CancellationToken cancellationToken)
    {
        await _tls.WriteAsync(request, cancellationToken).ConfigureAwait(false);
        var head = await _reader.ReadHeadAsync(_tls, cancellationToken).ConfigureAwait(false);
        if (head.ContentLength < 0)
        {
            throw new LoadFailure(FailureKind.Protocol, $"a {head.Status} response without Content-Length");
        }

        await _reader.SkipBodyAsync(_tls, head.ContentLength, cancellationToken).ConfigureAwait(false);
        Closed = head.Close;
        if (head.Status is < 200 or > 299)
        {
            throw new LoadFailure(FailureKind.Status, $"the response status was {head.Status}");
        }

        return head.ContentLength;
    }

    public ValueTask DisposeAsync() => _tls.DisposeAsync();
}
