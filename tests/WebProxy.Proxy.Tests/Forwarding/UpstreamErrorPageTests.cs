using System.Net;
using System.Net.Sockets;
using WebProxy.Testing;

namespace WebProxy.Proxy.Tests.Forwarding;

/// <summary>When the origin cannot be reached, the user gets a page that says why, with the right status.</summary>
public sealed class UpstreamErrorPageTests : IAsyncLifetime
{
    private OriginServer _origin = null!;
    private ProxyUnderTest _proxy = null!;

    public async Task InitializeAsync()
    {
        _origin = await OriginServer.StartAsync();
        _proxy = await ProxyUnderTest.StartAsync(configure: s => s.Proxy.Limits.UpstreamResponseHeadersTimeout = TimeSpan.FromSeconds(1));
    }

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await _origin.DisposeAsync();
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_gets_502_site_not_found()
    {
        var (status, body) = await GetTextAsync("http://no-such-host.invalid/");
        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Contains("could not be found", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_connection_gets_502_refused()
    {
        var (status, body) = await GetTextAsync($"http://refused.test:{ClosedPort()}/");
        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Contains("refused the connection", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_origin_that_does_not_answer_in_time_gets_504()
    {
        var (status, body) = await GetTextAsync($"http://plain.test:{_origin.Port}/slow/5000");
        Assert.Equal(HttpStatusCode.GatewayTimeout, status);
        Assert.Contains("did not respond", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Browsers_get_the_error_as_HTML_without_personal_data()
    {
        using var client = _proxy.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://no-such-host.invalid/path?q=secret");
        request.Headers.Accept.ParseAdd("text/html");
        request.Headers.TryAddWithoutValidation("Proxy-Authorization", "Basic YWxpY2U6cHc=");
        using var response = await client.SendAsync(request);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<h1>Site not found</h1>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", page, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", page, StringComparison.Ordinal);
        Assert.DoesNotContain("alice", page, StringComparison.Ordinal);
    }

    private async Task<(HttpStatusCode Status, string Body)> GetTextAsync(string url)
    {
        using var client = _proxy.CreateClient();
        using var response = await client.GetAsync(url);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
