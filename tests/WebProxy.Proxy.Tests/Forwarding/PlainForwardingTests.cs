using System.Net;
using System.Net.Http.Json;
using System.Text;
using WebProxy.Testing;

namespace WebProxy.Proxy.Tests.Forwarding;

/// <summary>Plain HTTP through the proxy: a real client, the real proxy, a real Kestrel origin, all on loopback.</summary>
public sealed class PlainForwardingTests : IAsyncLifetime
{
    private OriginServer _origin = null!;
    private ProxyUnderTest _proxy = null!;

    public async Task InitializeAsync()
    {
        _origin = await OriginServer.StartAsync();
        _proxy = await ProxyUnderTest.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await _origin.DisposeAsync();
    }

    private string Url(string path) => $"http://plain.test:{_origin.Port}{path}";

    [Fact]
    public async Task A_GET_through_the_proxy_returns_the_origins_answer_with_a_Via_entry()
    {
        using var client = _proxy.CreateClient();
        using var response = await client.GetAsync(Url("/hello"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hello from the origin", await response.Content.ReadAsStringAsync());
        Assert.Contains("1.1 webproxy", response.Headers.Via.Select(v => $"{v.ProtocolVersion} {v.ReceivedBy}"));
    }

    [Fact]
    public async Task The_origin_sees_Via_but_no_client_address_no_proxy_credentials_and_no_hop_by_hop_fields()
    {
        using var client = _proxy.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, Url("/headers"));
        request.Headers.TryAddWithoutValidation("Proxy-Authorization", "Basic dXNlcjpzZWNyZXQ=");
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "10.1.2.3");
        request.Headers.TryAddWithoutValidation("Forwarded", "for=10.1.2.3");
        request.Headers.TryAddWithoutValidation("Connection", "X-Hop-Secret");
        request.Headers.TryAddWithoutValidation("X-Hop-Secret", "only for the proxy");
        request.Headers.TryAddWithoutValidation("X-End-To-End", "kept");
        using var response = await client.SendAsync(request);
        var seen = (await response.Content.ReadFromJsonAsync<Dictionary<string, string>>())!;

        Assert.Equal("1.1 webproxy", seen["Via"]);
        Assert.Equal("kept", seen["X-End-To-End"]);
        Assert.False(seen.ContainsKey("Proxy-Authorization"));
        Assert.False(seen.ContainsKey("X-Forwarded-For"));
        Assert.False(seen.ContainsKey("Forwarded"));
        Assert.False(seen.ContainsKey("X-Hop-Secret"));
        Assert.False(seen.ContainsKey("Proxy-Connection"));
        Assert.DoesNotContain(seen.Values, v => v.Contains("127.0.0.1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_requests_on_one_client_connection_are_both_answered()
    {
        await using var connection = await RawHttpConnection.OpenAsync(_proxy.ProxyPort);
        var request = $"GET {Url("/hello")} HTTP/1.1\r\nHost: plain.test:{_origin.Port}\r\n\r\n";
        await connection.SendAsync(request);
        var first = await connection.ReadResponseAsync();
        await connection.SendAsync(request);
        var second = await connection.ReadResponseAsync();
        Assert.Equal(200, first.Status);
        Assert.Equal(200, second.Status);
        Assert.Equal("hello from the origin", second.Body);
    }

    [Fact]
    public async Task An_upload_streams_to_the_origin_whole()
    {
        using var client = _proxy.CreateClient();
        const int size = 32 * 1024 * 1024;
        using var content = new StreamContent(new MemoryStream(OriginServer.Pattern(size)));
        using var response = await client.PostAsync(Url("/count"), content);
        Assert.Equal(size.ToString(System.Globalization.CultureInfo.InvariantCulture), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_chunked_upload_without_Content_Length_streams_to_the_origin_whole()
    {
        using var client = _proxy.CreateClient();
        using var content = new StreamContent(new UnseekableStream(OriginServer.Pattern(3_000_000)));
        using var response = await client.PostAsync(Url("/count"), content);
        Assert.Equal("3000000", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_download_without_Content_Length_arrives_complete()
    {
        using var client = _proxy.CreateClient();
        var body = await client.GetByteArrayAsync(Url("/bytes/5000000?chunked=1"));
        Assert.Equal(5_000_000, body.Length);
    }

    [Fact]
    public async Task HEAD_keeps_the_length_and_sends_no_body()
    {
        await using var connection = await RawHttpConnection.OpenAsync(_proxy.ProxyPort);
        await connection.SendAsync($"HEAD {Url("/bytes/1000")} HTTP/1.1\r\nHost: plain.test\r\n\r\n");
        var response = await connection.ReadResponseAsync(headOnly: true);
        Assert.Equal(200, response.Status);
        Assert.Equal(1000, response.ContentLength);

        // Nothing follows the head: the next request's answer is the next thing on the wire.
        await connection.SendAsync($"GET {Url("/hello")} HTTP/1.1\r\nHost: plain.test\r\n\r\n");
        var next = await connection.ReadResponseAsync();
        Assert.Equal("hello from the origin", next.Body);
    }

    [Fact]
    public async Task Expect_100_continue_gets_the_interim_answer_before_the_body_is_sent()
    {
        await using var connection = await RawHttpConnection.OpenAsync(_proxy.ProxyPort);
        await connection.SendAsync($"POST {Url("/count")} HTTP/1.1\r\nHost: plain.test\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
        var interim = await connection.ReadResponseAsync();
        Assert.Equal(100, interim.Status);
        await connection.SendAsync("12345");
        var final = await connection.ReadResponseAsync();
        Assert.Equal(200, final.Status);
        Assert.Equal("5", final.Body);
    }

    [Fact]
    public async Task OPTIONS_with_Max_Forwards_0_is_answered_by_the_proxy_and_not_forwarded()
    {
        using var client = _proxy.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Options, Url("/options"));
        request.Headers.TryAddWithoutValidation("Max-Forwards", "0");
        var before = _origin.ReceivedHeaders.Count;
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("CONNECT", response.Content.Headers.Allow);
        Assert.Equal(before, _origin.ReceivedHeaders.Count);
    }

    [Fact]
    public async Task OPTIONS_with_Max_Forwards_above_0_is_forwarded_with_one_less()
    {
        using var client = _proxy.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Options, Url("/options"));
        request.Headers.TryAddWithoutValidation("Max-Forwards", "5");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("4", _origin.ReceivedHeaders[^1]["Max-Forwards"].ToString());
    }

    [Fact]
    public async Task TRACE_with_Max_Forwards_0_is_refused_instead_of_echoing_credentials()
    {
        await using var connection = await RawHttpConnection.OpenAsync(_proxy.ProxyPort);
        await connection.SendAsync($"TRACE {Url("/")} HTTP/1.1\r\nHost: plain.test\r\nMax-Forwards: 0\r\nCookie: secret\r\n\r\n");
        var response = await connection.ReadResponseAsync();
        Assert.Equal(405, response.Status);
        Assert.DoesNotContain("secret", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OPTIONS_star_is_answered_by_the_proxy()
    {
        await using var connection = await RawHttpConnection.OpenAsync(_proxy.ProxyPort);
        await connection.SendAsync("OPTIONS * HTTP/1.1\r\nHost: proxy\r\n\r\n");
        var response = await connection.ReadResponseAsync();
        Assert.Equal(200, response.Status);
        Assert.Contains("GET", response.Headers["Allow"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_proxys_own_page_explains_how_to_configure_a_workstation()
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        var page = await http.GetStringAsync(_proxy.ProxyUri);
        Assert.Contains("proxy.pac", page, StringComparison.Ordinal);
        Assert.Contains("ca.pem", page, StringComparison.Ordinal);
        Assert.StartsWith("<!doctype html>", page, StringComparison.Ordinal);

        using var missing = await http.GetAsync(new Uri(_proxy.ProxyUri, "/nothing-here"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_URL_naming_the_proxy_itself_is_answered_by_the_proxy_instead_of_looping()
    {
        await using var connection = await RawHttpConnection.OpenAsync(_proxy.ProxyPort);
        await connection.SendAsync($"GET http://127.0.0.1:{_proxy.ProxyPort}/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        var response = await connection.ReadResponseAsync();
        Assert.Equal(200, response.Status);
        Assert.Contains("proxy.pac", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_URL_with_credentials_in_it_gets_400_with_the_reason()
    {
        const string target = "http://user:password@plain.test/hello";
        const string reason = "user name or password";
        await using var connection = await RawHttpConnection.OpenAsync(_proxy.ProxyPort);
        await connection.SendAsync($"GET {target} HTTP/1.1\r\nHost: plain.test\r\n\r\n");
        var response = await connection.ReadResponseAsync();
        Assert.Equal(400, response.Status);
        Assert.Contains(reason, response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_URL_with_another_scheme_than_http_gets_400()
    {
        await using var connection = await RawHttpConnection.OpenAsync(_proxy.ProxyPort);
        await connection.SendAsync("GET ftp://plain.test/file HTTP/1.1\r\nHost: plain.test\r\n\r\n");
        Assert.Equal(400, (await connection.ReadResponseAsync()).Status);
    }

    [Fact]
    public async Task Request_headers_over_the_limit_get_431()
    {
        await using var connection = await RawHttpConnection.OpenAsync(_proxy.ProxyPort);
        var huge = new string('a', 70 * 1024);
        await connection.SendAsync($"GET {Url("/hello")} HTTP/1.1\r\nHost: plain.test\r\nX-Huge: {huge}\r\n\r\n");
        var response = await connection.ReadResponseAsync();
        Assert.Equal(431, response.Status);
    }

    [Fact]
    public async Task A_CONNECT_after_another_request_on_the_same_connection_gets_400_and_the_connection_closes()
    {
        await using var connection = await RawHttpConnection.OpenAsync(_proxy.ProxyPort);
        await connection.SendAsync($"GET {Url("/hello")} HTTP/1.1\r\nHost: plain.test\r\n\r\n");
        Assert.Equal(200, (await connection.ReadResponseAsync()).Status);
        await connection.SendAsync("CONNECT good.test:443 HTTP/1.1\r\nHost: good.test:443\r\n\r\n");
        var response = await connection.ReadResponseAsync();
        Assert.Equal(400, response.Status);
        Assert.True(await connection.IsClosedByPeerAsync(TimeSpan.FromSeconds(5)));
    }

    private sealed class UnseekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
