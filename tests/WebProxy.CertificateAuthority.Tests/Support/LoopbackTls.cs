using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace WebProxy.CertificateAuthority.Tests.Support;

/// <summary>
/// A real TLS handshake over a loopback TCP connection: the server presents a certificate context, the client
/// trusts only the given CA and checks the name as a browser would.
/// </summary>
internal static class LoopbackTls
{
    public static async Task<HandshakeResult> HandshakeAsync(
        SslStreamCertificateContext serverCertificate, string clientTargetHost, X509Certificate2 trustedCa, DateTimeOffset clientTime)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accept = listener.AcceptTcpClientAsync(timeout.Token).AsTask();
        using var clientConnection = new TcpClient();
        await clientConnection.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port, timeout.Token);
        using var serverConnection = await accept;

        var result = new HandshakeResult();
        await using var server = new SslStream(serverConnection.GetStream());
        await using var client = new SslStream(clientConnection.GetStream());
        var serverHandshake = server.AuthenticateAsServerAsync(
            new SslServerAuthenticationOptions { ServerCertificateContext = serverCertificate }, timeout.Token);
        var clientHandshake = client.AuthenticateAsClientAsync(
            new SslClientAuthenticationOptions
            {
                TargetHost = clientTargetHost,
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                {
                    result.PolicyErrors = errors;
                    if (certificate is not X509Certificate2 presented)
                    {
                        return false;
                    }

                    result.ChainProblems = ChainVerifier.Verify(presented, trustedCa, clientTime, chain?.ChainPolicy.ExtraStore);
                    return (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0 && result.ChainProblems.Length == 0;
                },
            },
            timeout.Token);

        result.ClientError = await Record.ExceptionAsync(() => clientHandshake);
        result.ServerError = await Record.ExceptionAsync(() => serverHandshake);
        if (result.ClientError is null && result.ServerError is null)
        {
            result.NegotiatedProtocol = client.SslProtocol;
            await client.WriteAsync("ping"u8.ToArray(), timeout.Token);
            var buffer = new byte[4];
            await server.ReadExactlyAsync(buffer, timeout.Token);
            result.ServerReceived = buffer;
        }

        return result;
    }
}
