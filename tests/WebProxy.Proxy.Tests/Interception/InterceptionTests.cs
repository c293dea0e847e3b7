using System.Net;
using System.Net.Http.Json;
using System.Net.Security;
using System.Net.WebSockets;
using System.Text;
using WebProxy.Testing;

namespace WebProxy.Proxy.Tests.Interception;

/// <summary>
/// HTTPS through an intercepting proxy: the client trusts only the organisation CA, the origin presents
/// certificates from a test root the proxy trusts through its extra CA file.
/// </summary>
public sealed class InterceptionTests : IAsyncLifetime
{
    private readonly TestCertificates _certificates = new();
    private OriginServer _tlsOrigin = null!;
    private OriginServer _plainOrigin = null!;
    private ProxyUnderTest _proxy = null!;

    public async Task InitializeAsync()
    {
        _tlsOrigin = await OriginServer.StartAsync(_certificates);
        _plainOrigin = await OriginServer.StartAsync();
        _proxy = await ProxyUnderTest.StartAsync(_certificates, s =>
        {
            s.Proxy.ExtraConnectPorts.Add(_tlsOrigin.Port);
            s.Proxy.ExtraConnectPorts.Add(_plainOrigin.Port);
        });
    }

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await _tlsOrigin.DisposeAsync();
        await _plainOrigin.DisposeAsync();
        _certificates.Dispose();
    }

    private string Url(string host, string path) => $"https://{host}:{_tlsOrigin.Port}{path}";

    [Fact]
    public async Task An_HTTPS_request_is_answered_through_a_leaf_from_the_organisation_CA()
    {
        using var client = _proxy.CreateClient();
        using var response = await client.GetAsync(Url("good.test", "/hello"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hello from the origin", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HTTP2_is_negotiated_with_the_client_and_used_to_an_origin_that_offers_it()
    {
        using var client = _proxy.CreateClient(HttpVersion.Version20);
        using var response = await client.GetAsync(Url("good.test", "/protocol"));
        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal("HTTP/2", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HTTP11_clients_are_served_inside_the_tunnel_too()
    {
        using var client = _proxy.CreateClient(HttpVersion.Version11, allowHttp2: false);
        using var response = await client.GetAsync(Url("good.test", "/hello"));
        Assert.Equal(HttpVersion.Version11, response.Version);
        Assert.Equal("hello from the origin", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Trailers_from_the_origin_reach_an_HTTP2_client()
    {
        using var client = _proxy.CreateClient(HttpVersion.Version20);
        using var response = await client.GetAsync(Url("good.test", "/trailers"));
        Assert.Equal("body with trailers", await response.Content.ReadAsStringAsync());
        Assert.Equal("abc123", response.TrailingHeaders.GetValues("x-checksum").Single());
    }

    [Fact]
    public async Task An_upload_and_a_download_stream_through_HTTP2_inside_the_tunnel()
    {
        using var client = _proxy.CreateClient(HttpVersion.Version20);
        const int size = 8 * 1024 * 1024;
        using var upload = await client.PostAsync(Url("good.test", "/count"), new ByteArrayContent(OriginServer.Pattern(size)));
        Assert.Equal(HttpVersion.Version20, upload.Version);
        Assert.Equal(size.ToString(System.Globalization.CultureInfo.InvariantCulture), await upload.Content.ReadAsStringAsync());

        var download = await client.GetByteArrayAsync(Url("good.test", $"/bytes/{size}"));
        Assert.Equal(size, download.Length);
    }

    [Theory]
    [InlineData("expired.test", "expired")]
    [InlineData("wrong.test", "different site name")]
    [InlineData("selfsigned.test", "self-signed")]
    [InlineData("untrusted.test", "not issued by a trusted certificate authority")]
    public async Task An_origin_with_an_invalid_certificate_is_refused_with_a_page_that_says_why(string host, string reason)
    {
        using var client = _proxy.CreateClient();
        using var response = await client.GetAsync(Url(host, "/hello"));
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("certificate is not valid", body, StringComparison.Ordinal);
        Assert.Contains(reason, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_naming_another_host_inside_the_tunnel_is_refused_as_domain_fronting()
    {
        await using var connection = await RawHttpConnection.OpenAsync(_proxy.ProxyPort);
        await connection.SendAsync($"CONNECT good.test:{_tlsOrigin.Port} HTTP/1.1\r\nHost: good.test:{_tlsOrigin.Port}\r\n\r\n");
        Assert.Equal(200, (await connection.ReadResponseAsync()).Status);
        await using var tls = new SslStream(connection.Stream, leaveInnerStreamOpen: true, _proxy.TrustOrganisationCaOnly);
        await tls.AuthenticateAsClientAsync("good.test");
        await tls.WriteAsync(Encoding.ASCII.GetBytes($"GET /hello HTTP/1.1\r\nHost: blocked.example:{_tlsOrigin.Port}\r\nConnection: close\r\n\r\n"));
        var answer = await new StreamReader(tls).ReadToEndAsync();
        Assert.StartsWith("HTTP/1.1 421", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("hello from the origin", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_that_does_not_start_TLS_after_CONNECT_gets_a_blind_tunnel()
    {
        await using var connection = await RawHttpConnection.OpenAsync(_proxy.ProxyPort);
        await connection.SendAsync($"CONNECT plain.test:{_plainOrigin.Port} HTTP/1.1\r\n\r\n");
        Assert.Equal(200, (await connection.ReadResponseAsync()).Status);
        await connection.SendAsync("GET /hello HTTP/1.1\r\nHost: plain.test\r\n\r\n");
        var response = await connection.ReadResponseAsync();
        Assert.Equal("hello from the origin", response.Body);
    }

    [Fact]
    public async Task The_origin_sees_no_client_address_and_no_proxy_credentials_inside_the_tunnel()
    {
        using var client = _proxy.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, Url("good.test", "/headers"));
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "10.9.8.7");
        using var response = await client.SendAsync(request);
        var seen = (await response.Content.ReadFromJsonAsync<Dictionary<string, string>>())!;
        Assert.False(seen.ContainsKey("X-Forwarded-For"));
        Assert.Contains("webproxy", seen["Via"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_WebSocket_echoes_through_plain_HTTP()
    {
        await AssertWebSocketEchoAsync(new Uri($"ws://plain.test:{_plainOrigin.Port}/ws"), HttpVersion.Version11);
    }

    [Fact]
    public async Task A_WebSocket_echoes_through_an_intercepted_HTTP11_tunnel()
    {
        await AssertWebSocketEchoAsync(new Uri($"wss://good.test:{_tlsOrigin.Port}/ws"), HttpVersion.Version11);
    }

    [Fact]
    public async Task A_WebSocket_echoes_through_an_intercepted_HTTP2_tunnel_with_extended_CONNECT()
    {
        await AssertWebSocketEchoAsync(new Uri($"wss://good.test:{_tlsOrigin.Port}/ws"), HttpVersion.Version20);
    }

    private async Task AssertWebSocketEchoAsync(Uri uri, Version version)
    {
        using var socket = new ClientWebSocket();
        socket.Options.HttpVersion = version;
        socket.Options.HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            Proxy = new System.Net.WebProxy(_proxy.ProxyUri),
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = _proxy.TrustOrganisationCaOnly },
        });
        await socket.ConnectAsync(uri, invoker, timeout.Token);

        var message = Encoding.UTF8.GetBytes("ping through the proxy");
        await socket.SendAsync(message, WebSocketMessageType.Text, true, timeout.Token);
        var buffer = new byte[1024];
        var result = await socket.ReceiveAsync(buffer, timeout.Token);
        Assert.Equal("ping through the proxy", Encoding.UTF8.GetString(buffer, 0, result.Count));
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
        Assert.Equal(WebSocketState.Closed, socket.State);
    }
}
