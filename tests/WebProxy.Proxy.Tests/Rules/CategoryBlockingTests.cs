using System.Net;
using System.Net.Http.Json;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using WebProxy.Policy.Rules;
using WebProxy.Testing;

namespace WebProxy.Proxy.Tests.Rules;

/// <summary>
/// The regulation's category rules through the real proxy, with the lists it ships (categories/samples and
/// categories/local): the default BlockedOnly mode, All and None, and the block page over plain HTTP and TLS.
/// </summary>
public sealed class CategoryBlockingTests : IAsyncLifetime
{
    private readonly TestCertificates _certificates = new();
    private OriginServer _tlsOrigin = null!;
    private OriginServer _plainOrigin = null!;

    public async Task InitializeAsync()
    {
        _tlsOrigin = await OriginServer.StartAsync(_certificates);
        _plainOrigin = await OriginServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _tlsOrigin.DisposeAsync();
        await _plainOrigin.DisposeAsync();
        _certificates.Dispose();
    }

    private Task<ProxyUnderTest> StartAsync(InterceptionMode mode) => ProxyUnderTest.StartAsync(_certificates, s =>
    {
        s.Policy.InterceptionMode = mode;
        s.Proxy.ExtraConnectPorts.Add(_tlsOrigin.Port);
        s.Proxy.Hosts["casino-sample.invalid"] = "127.0.0.1";
    });

    [Fact]
    public async Task A_plain_request_to_a_listed_gambling_site_gets_the_block_page_and_never_reaches_it()
    {
        await using var proxy = await StartAsync(InterceptionMode.BlockedOnly);
        using var client = proxy.CreateClient();
        var before = _plainOrigin.ReceivedHeaders.Count;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://casino-sample.invalid:{_plainOrigin.Port}/roulette");
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("gambling", body.GetProperty("category").GetString());
        Assert.Equal("5.4", body.GetProperty("article").GetString());
        Assert.EndsWith("/regulation", body.GetProperty("regulation").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, _plainOrigin.ReceivedHeaders.Count);
    }

    [Fact]
    public async Task A_listed_url_prefix_blocks_only_that_path_of_the_site()
    {
        await using var proxy = await StartAsync(InterceptionMode.BlockedOnly);
        using var client = proxy.CreateClient();
        using var blocked = await client.GetAsync("http://cri.univ-tlse1.fr/tools/test_filtrage/gambling/");
        Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);
        Assert.Contains("online gambling", await blocked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_BlockedOnly_mode_a_blocked_HTTPS_site_shows_the_block_page_over_TLS_in_Dutch()
    {
        await using var proxy = await StartAsync(InterceptionMode.BlockedOnly);
        using var client = proxy.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://casino-sample.invalid/");
        request.Headers.Accept.ParseAdd("text/html");
        request.Headers.AcceptLanguage.ParseAdd("nl-NL,nl;q=0.9,en;q=0.5");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Deze site is geblokkeerd", page, StringComparison.Ordinal);
        Assert.Contains("artikel 5.4", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_BlockedOnly_mode_an_allowed_HTTPS_site_is_tunnelled_blind_with_its_own_certificate()
    {
        await using var proxy = await StartAsync(InterceptionMode.BlockedOnly);
        var issuer = await IssuerSeenThroughProxyAsync(proxy, "good.test", _tlsOrigin.Port);
        Assert.Equal(_certificates.Root.Subject, issuer);
    }

    [Fact]
    public async Task In_All_mode_an_allowed_HTTPS_site_is_intercepted_with_the_organisation_CA()
    {
        await using var proxy = await StartAsync(InterceptionMode.All);
        var issuer = await IssuerSeenThroughProxyAsync(proxy, "good.test", _tlsOrigin.Port);
        Assert.Equal(proxy.Server.CertificateAuthority.Certificate.Subject, issuer);
    }

    [Fact]
    public async Task In_All_mode_a_blocked_HTTPS_site_shows_the_block_page_over_TLS()
    {
        await using var proxy = await StartAsync(InterceptionMode.All);
        using var client = proxy.CreateClient();
        using var response = await client.GetAsync("https://chat-sample.invalid/room");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("chat sessions", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_None_mode_a_CONNECT_to_a_blocked_site_is_refused()
    {
        await using var proxy = await StartAsync(InterceptionMode.None);
        await using var connection = await RawHttpConnection.OpenAsync(proxy.ProxyPort);
        await connection.SendAsync("CONNECT casino-sample.invalid:443 HTTP/1.1\r\nHost: casino-sample.invalid:443\r\n\r\n");
        Assert.Equal(403, (await connection.ReadResponseAsync()).Status);
    }

    [Fact]
    public async Task The_local_deny_list_blocks_and_the_local_allow_list_wins_over_every_category()
    {
        await using var proxy = await StartAsync(InterceptionMode.BlockedOnly);
        using var client = proxy.CreateClient();
        using var denied = await client.GetAsync($"http://casino-example.invalid:{_plainOrigin.Port}/");
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);

        using var allowed = await client.GetAsync($"http://www.almere.nl:{_plainOrigin.Port}/hello");
        Assert.NotEqual(HttpStatusCode.Forbidden, allowed.StatusCode);
    }

    [Fact]
    public async Task The_regulation_the_block_page_links_to_is_served_by_the_proxy()
    {
        await using var proxy = await StartAsync(InterceptionMode.BlockedOnly);
        using var http = new HttpClient();
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("nl");
        var page = await http.GetStringAsync(new Uri(proxy.ProxyUri, "/regulation"));
        Assert.Contains("Artikel 5.4", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Blocks_are_counted_per_category_in_the_metrics_without_hosts()
    {
        await using var proxy = await StartAsync(InterceptionMode.BlockedOnly);
        using var client = proxy.CreateClient();
        (await client.GetAsync($"http://casino-sample.invalid:{_plainOrigin.Port}/")).Dispose();
        (await client.GetAsync($"http://chat-sample.invalid:{_plainOrigin.Port}/")).Dispose();

        using var http = new HttpClient();
        var metrics = await http.GetStringAsync(new Uri(proxy.AdminUri, "/metrics"));
        Assert.Contains("webproxy_blocks_total{category=\"gambling\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("webproxy_blocks_total{category=\"chat\"} 1", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("sample.invalid", metrics, StringComparison.Ordinal);
    }

    private static async Task<string> IssuerSeenThroughProxyAsync(ProxyUnderTest proxy, string host, int port)
    {
        string? issuer = null;
        using var handler = new SocketsHttpHandler
        {
            Proxy = new System.Net.WebProxy(proxy.ProxyUri),
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    issuer = X509CertificateLoader.LoadCertificate(certificate!.GetRawCertData()).Issuer;
                    return true;
                },
            },
        };
        using var client = new HttpClient(handler);
        using var response = await client.GetAsync($"https://{host}:{port}/hello");
        Assert.Equal("hello from the origin", await response.Content.ReadAsStringAsync());
        return issuer!;
    }
}
