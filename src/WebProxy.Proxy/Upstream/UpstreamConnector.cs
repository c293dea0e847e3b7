using System.Net;
using System.Net.Sockets;

namespace WebProxy.Proxy.Upstream;

/// <summary>
/// Opens TCP connections to origins, for blind tunnels and for the forwarder's connection pool alike, so both
/// resolve names the same way (the configured hosts map first, then DNS) and fail with the same classification.
/// </summary>
internal sealed class UpstreamConnector
{
    private readonly IReadOnlyDictionary<string, IPAddress> _hosts;
    private readonly TimeSpan _connectTimeout;

    public UpstreamConnector(IReadOnlyDictionary<string, IPAddress> hosts, TimeSpan connectTimeout)
    {
        _hosts = hosts;
        _connectTimeout = connectTimeout;
    }

    /// <summary>Connects to <paramref name="host"/>:<paramref name="port"/>, trying each resolved address in turn.</summary>
    /// <exception cref="UpstreamConnectException">The origin could not be reached; <see cref="UpstreamConnectException.Kind"/> says why.</exception>
    public async ValueTask<Socket> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_connectTimeout);
        var addresses = await ResolveAsync(host, timeout.Token, cancellationToken).ConfigureAwait(false);

        Exception? lastError = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), timeout.Token).ConfigureAwait(false);
                return socket;
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                socket.Dispose();
                lastError = ex;
                if (ex is OperationCanceledException)
                {
                    break;
                }
            }
        }

        throw Classify(lastError, cancellationToken);
    }

    private async ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken timeout, CancellationToken caller)
    {
        if (_hosts.TryGetValue(host, out var pinned))
        {
            return [pinned];
        }

        if (IPAddress.TryParse(host, out var literal))
        {
            return [literal];
        }

        try
        {
            var addresses = await Dns.GetHostAddressesAsync(host, timeout).ConfigureAwait(false);
            if (addresses.Length == 0)
            {
                throw new UpstreamConnectException(UpstreamErrorKind.DnsFailure, "The host name has no addresses.");
            }

            return addresses;
        }
        catch (SocketException ex)
        {
            throw new UpstreamConnectException(UpstreamErrorKind.DnsFailure, "The host name could not be resolved.", ex);
        }
        catch (OperationCanceledException ex) when (!caller.IsCancellationRequested)
        {
            throw new UpstreamConnectException(UpstreamErrorKind.Timeout, "Resolving the host name took too long.", ex);
        }
    }

    private static Exception Classify(Exception? error, CancellationToken caller) => error switch
    {
        OperationCanceledException when caller.IsCancellationRequested => error,
        OperationCanceledException => new UpstreamConnectException(UpstreamErrorKind.Timeout, "The origin did not accept the connection in time.", error),
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } =>
            new UpstreamConnectException(UpstreamErrorKind.ConnectionRefused, "The origin refused the connection.", error),
        SocketException { SocketErrorCode: SocketError.TimedOut } =>
            new UpstreamConnectException(UpstreamErrorKind.Timeout, "The origin did not accept the connection in time.", error),
        _ => new UpstreamConnectException(UpstreamErrorKind.Unreachable, "The origin could not be reached.", error),
    };
}
