using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using WebProxy.Proxy.Upstream;

namespace WebProxy.Proxy.Forwarding;

/// <summary>Builds the one shared, pooled <see cref="SocketsHttpHandler"/> every forwarded request goes through.</summary>
internal static class UpstreamHandlerFactory
{
    public static SocketsHttpHandler Create(ProxyOptions options, UpstreamConnector connector, UpstreamCertificateValidator validator) => new()
    {
        // A proxy relays exactly what it receives: no proxy of its own, no redirects followed, no decompression,
        // no cookie jar shared between users.
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,

        // Neither trace context nor any other header the proxy did not receive is added.
        ActivityHeadersPropagator = null,

        PooledConnectionIdleTimeout = options.Limits.UpstreamPooledConnectionIdleTimeout,
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        EnableMultipleHttp2Connections = true,
        MaxResponseHeadersLength = Math.Max(1, options.Limits.MaxRequestHeadersBytes / 1024),

        // The connector applies the connect timeout and the hosts map; the handler must not race it.
        ConnectTimeout = Timeout.InfiniteTimeSpan,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = await connector.ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        },

        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = validator.Validate,
            EnabledSslProtocols = SslProtocols.None,
            CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
        },
    };
}
