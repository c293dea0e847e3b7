using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace WebProxy.CertificateAuthority.Tests.Support;

internal sealed class HandshakeResult
{
    public SslPolicyErrors PolicyErrors { get; set; }

    public X509ChainStatusFlags[] ChainProblems { get; set; } = [];

    public Exception? ClientError { get; set; }

    public Exception? ServerError { get; set; }

    public SslProtocols NegotiatedProtocol { get; set; }

    public byte[] ServerReceived { get; set; } = [];
}
