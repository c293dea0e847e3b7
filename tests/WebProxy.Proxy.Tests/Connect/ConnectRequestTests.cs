using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using WebProxy.Policy.Rules;
using WebProxy.Testing;

namespace WebProxy.Proxy.Tests.Connect;

/// <summary>CONNECT handling over raw sockets: refusals, malformed heads, blind tunnels and their timeouts.</summary>
public sealed class ConnectRequestTests : IAsyncLifetime
{
    private readonly TestCertificates _certificates = new();
    private OriginServer _tlsOrigin = null!;
    private ProxyUnderTest _proxy = null!;

    public async Task InitializeAsync()
    {
        _tlsOrigin = await OriginServer.StartAsync(_certificates);
        _proxy = await ProxyUnderTest.StartAsync(_certificates, s =>
        {
            s.Policy.InterceptionMode = InterceptionMode.None;
            s.Proxy.ExtraConnectPorts.Add(_tlsOrigin.Port);
            s.Proxy.Limits.TunnelIdleTimeout = TimeSpan.FromSeconds(1);
            s.Proxy.Limits.MaxConnectHeadBytes = 2048;
        });
    }

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await _tlsOrigin.DisposeAsync();
        _certificates.Dispose();
    }

    [Theory]
    [InlineData("CONNECT good.test HTTP/1.1\r\n\r\n", 400)]
    [InlineData("CONNECT good.test:99999 HTTP/1.1\r\n\r\n", 400)]
    [InlineData("CONNECT user@good.test:443 HTTP/1.1\r\n\r\n", 400)]
    [InlineData("CONNECT [::1:443 HTTP/1.1\r\n\r\n", 400)]
    [InlineData("CONNECT good.test:443 HTTP/9\r\n\r\n", 400)]
    [InlineData("CONNECT good.test:443 HTTP/1.1\r\n folded: header\r\n\r\n", 400)]
    [InlineData("CONNECT good.test:22 HTTP/1.1\r\n\r\n", 403)]
    [InlineData("CONNECT mail.example:25 HTTP/1.1\r\n\r\n", 403)]
    public async Task A_bad_or_forbidden_CONNECT_is_answered_and_the_connection_closed(string head, int status)
    {
        await using var connection = await RawHttpConnection.OpenAsync(_proxy.ProxyPort);
        await connection.SendAsync(head);
        var response = await connection.ReadResponseAsync();
        Assert.Equal(status, response.Status);
        Assert.Equal("close", response.Headers["Connection"]);
        Assert.True(await connection.IsClosedByPeerAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_CONNECT_head_over_the_bound_gets_431()
    {
        await using var connection = await RawHttpConnection.OpenAsync(_proxy.ProxyPort);
        await connection.SendAsync($"CONNECT good.test:443 HTTP/1.1\r\nX-Filler: {new string('a', 4000)}\r\n\r\n");
        Assert.Equal(431, (await connection.ReadResponseAsync()).Status);
    }

    [Fact]
    public async Task A_blind_tunnel_carries_the_origins_own_TLS_untouched()
    {
        await using var connection = await RawHttpConnection.OpenAsync(_proxy.ProxyPort);
        await connection.SendAsync($"CONNECT good.test:{_tlsOrigin.Port} HTTP/1.1\r\nHost: good.test:{_tlsOrigin.Port}\r\n\r\n");
        Assert.Equal(200, (await connection.ReadResponseAsync()).Status);

        // The client sees the origin's certificate (issued by the test root), not one from the organisation CA.
        X509Certificate2? seen = null;
        await using var tls = new SslStream(connection.Stream, leaveInnerStreamOpen: true, (_, certificate, _, _) =>
        {
            seen = X509CertificateLoader.LoadCertificate(certificate!.GetRawCertData());
            return true;
        });
        await tls.AuthenticateAsClientAsync("good.test");
        Assert.Equal(_certificates.Root.Subject, seen!.Issuer);

        await tls.WriteAsync("GET /hello HTTP/1.1\r\nHost: good.test\r\nConnection: close\r\n\r\n"u8.ToArray());
        var answer = await new StreamReader(tls).ReadToEndAsync();
        Assert.Contains("hello from the origin", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tunnel_to_a_name_that_does_not_resolve_gets_502()
    {
        await using var connection = await RawHttpConnection.OpenAsync(_proxy.ProxyPort);
        await connection.SendAsync("CONNECT no-such-host.invalid:443 HTTP/1.1\r\n\r\n");
        var response = await connection.ReadResponseAsync();
        Assert.Equal(502, response.Status);
        Assert.Contains("could not be resolved", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_idle_tunnel_is_closed_after_the_idle_timeout()
    {
        await using var connection = await RawHttpConnection.OpenAsync(_proxy.ProxyPort);
        await connection.SendAsync($"CONNECT good.test:{_tlsOrigin.Port} HTTP/1.1\r\n\r\n");
        Assert.Equal(200, (await connection.ReadResponseAsync()).Status);
        // Well before the origin's own 10 s TLS handshake timeout could close it.
        Assert.True(await connection.IsClosedByPeerAsync(TimeSpan.FromSeconds(5)));
    }
}
