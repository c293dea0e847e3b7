using System.IO.Pipelines;
using System.Net.Security;
using System.Security.Authentication;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Logging;
using WebProxy.CertificateAuthority;
using WebProxy.Policy.Connect;
using WebProxy.Proxy.Telemetry;

namespace WebProxy.Proxy.Interception;

/// <summary>
/// Terminates the client's TLS inside an accepted CONNECT with a leaf certificate from the organisation CA, then
/// hands the decrypted stream back to Kestrel, which parses HTTP/1.1 or HTTP/2 (by ALPN) as on any connection.
/// The swap follows Kestrel's HttpsConnectionMiddleware: set the TLS features, replace the transport, await the
/// rest of the pipeline, restore in <c>finally</c>.
/// </summary>
internal sealed class TlsInterceptor
{
    private static readonly List<SslApplicationProtocol> Http2AndHttp11 = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11];
    private static readonly List<SslApplicationProtocol> Http11Only = [SslApplicationProtocol.Http11];

    private readonly LeafCertificateCache _leafCertificates;
    private readonly ProxyMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeSpan _handshakeTimeout;
    private readonly List<SslApplicationProtocol> _applicationProtocols;

    public TlsInterceptor(LeafCertificateCache leafCertificates, ProxyOptions options, ProxyMetrics metrics, ILogger logger)
    {
        _leafCertificates = leafCertificates;
        _metrics = metrics;
        _logger = logger;
        _handshakeTimeout = options.Limits.RequestHeadersTimeout;
        _applicationProtocols = options.EnableHttp2 ? Http2AndHttp11 : Http11Only;
    }

    public async Task InterceptAsync(ConnectionContext context, ConnectTarget target, ConnectionDelegate next)
    {
        var originalTransport = context.Transport;
        var sslStream = new SslStream(new DuplexPipeStream(originalTransport), leaveInnerStreamOpen: true);
        try
        {
            if (!await AuthenticateAsync(sslStream, target, context.ConnectionClosed).ConfigureAwait(false))
            {
                return;
            }

            var tls = new InterceptedTlsFeature(sslStream);
            context.Features.Set<ITlsConnectionFeature>(tls);
            context.Features.Set<ITlsApplicationProtocolFeature>(tls);
            context.Features.Set<ITlsHandshakeFeature>(tls);
            context.Features.Set(new InterceptedTunnelFeature(target));
            context.Transport = new DuplexPipe(
                PipeReader.Create(sslStream, new StreamPipeReaderOptions(leaveOpen: true)),
                PipeWriter.Create(sslStream, new StreamPipeWriterOptions(leaveOpen: true)));

            await next(context).ConfigureAwait(false);
        }
        finally
        {
            context.Transport = originalTransport;
            await sslStream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<bool> AuthenticateAsync(SslStream sslStream, ConnectTarget target, CancellationToken connectionClosed)
    {
        SslStreamCertificateContext certificate;
        try
        {
            certificate = await _leafCertificates.GetAsync(target.Host, connectionClosed).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ProxyLog.LeafMintFailed(_logger, ex);
            return false;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(connectionClosed);
        timeout.CancelAfter(_handshakeTimeout);
        try
        {
            // The leaf is minted for the CONNECT authority, not the SNI: the policy decided on that authority,
            // and a client whose SNI differs gets a certificate it will reject, which is the safe outcome.
            await sslStream.AuthenticateAsServerAsync(
                new SslServerAuthenticationOptions
                {
                    ServerCertificateContext = certificate,
                    ApplicationProtocols = _applicationProtocols,
                    ClientCertificateRequired = false,
                    CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
                },
                timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or OperationCanceledException)
        {
            _metrics.TlsHandshakeFailed("client");
            ProxyLog.ClientHandshakeFailed(_logger, ex);
            return false;
        }
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
