using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace WebProxy.Proxy.Interception;

/// <summary>
/// The TLS facts of an intercepted connection, published the way Kestrel's own HTTPS middleware publishes them,
/// so Kestrel picks HTTP/2 when ALPN chose h2 and checks HTTP/2's TLS requirements (RFC 9113 §9.2).
/// </summary>
internal sealed class InterceptedTlsFeature : ITlsConnectionFeature, ITlsApplicationProtocolFeature, ITlsHandshakeFeature
{
    private readonly SslStream _sslStream;

    public InterceptedTlsFeature(SslStream sslStream)
    {
        _sslStream = sslStream;
    }

    public X509Certificate2? ClientCertificate { get; set; }

    public ReadOnlyMemory<byte> ApplicationProtocol => _sslStream.NegotiatedApplicationProtocol.Protocol;

    public SslProtocols Protocol => _sslStream.SslProtocol;

    public TlsCipherSuite? NegotiatedCipherSuite => _sslStream.NegotiatedCipherSuite;

    public string HostName => _sslStream.TargetHostName;

#pragma warning disable SYSLIB0058 // The obsolete members are part of the interface; report what SslStream reports.
    public CipherAlgorithmType CipherAlgorithm => _sslStream.CipherAlgorithm;

    public int CipherStrength => _sslStream.CipherStrength;

    public HashAlgorithmType HashAlgorithm => _sslStream.HashAlgorithm;

    public int HashStrength => _sslStream.HashStrength;

    public ExchangeAlgorithmType KeyExchangeAlgorithm => _sslStream.KeyExchangeAlgorithm;

    public int KeyExchangeStrength => _sslStream.KeyExchangeStrength;
#pragma warning restore SYSLIB0058

    public Task<X509Certificate2?> GetClientCertificateAsync(CancellationToken cancellationToken) => Task.FromResult(ClientCertificate);
}
