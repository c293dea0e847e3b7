using System.Net;
using WebProxy.Testing;

namespace WebProxy.Proxy.Tests.Rules;

/// <summary>
/// Oversized transfers (articles 5.3, 5.4 and 5.6): refused before a byte moves when the size is declared, cut off
/// cleanly where the count crosses the limit when it is not.
/// </summary>
public sealed class SizeLimitTests : IAsyncLifetime
{
    private const long UploadLimit = 100_000;
    private const long DownloadLimit = 200_000;

    private readonly TestCertificates _certificates = new();
    private OriginServer _origin = null!;
    private OriginServer _tlsOrigin = null!;
    private ProxyUnderTest _proxy = null!;

    public async Task InitializeAsync()
    {
        _origin = await OriginServer.StartAsync();
        _tlsOrigin = await OriginServer.StartAsync(_certificates);
        _proxy = await ProxyUnderTest.StartAsync(_certificates, s =>
        {
            s.Policy.UploadLimitBytes = UploadLimit;
            s.Policy.DownloadLimitBytes = DownloadLimit;
            s.Proxy.ExtraConnectPorts.Add(_tlsOrigin.Port);
        });
    }

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await _origin.DisposeAsync();
        await _tlsOrigin.DisposeAsync();
        _certificates.Dispose();
    }

    [Fact]
    public async Task Over_HTTP2_an_oversized_download_is_cut_and_the_next_request_is_served()
    {
        using var client = _proxy.CreateClient(HttpVersion.Version20);
        var error = await Assert.ThrowsAnyAsync<Exception>(
            () => client.GetByteArrayAsync($"https://good.test:{_tlsOrigin.Port}/bytes/{DownloadLimit * 5}?chunked=1"));
        Assert.True(error is HttpRequestException or IOException, error.ToString());

        using var next = await client.GetAsync($"https://good.test:{_tlsOrigin.Port}/hello");
        Assert.Equal(HttpVersion.Version20, next.Version);
        Assert.Equal("hello from the origin", await next.Content.ReadAsStringAsync());
    }

    private string Url(string path) => $"http://plain.test:{_origin.Port}{path}";

    [Fact]
    public async Task An_upload_declared_over_the_limit_gets_413_and_never_reaches_the_origin()
    {
        using var client = _proxy.CreateClient();
        var before = _origin.ReceivedHeaders.Count;
        using var response = await client.PostAsync(Url("/count"), new ByteArrayContent(new byte[UploadLimit + 1]));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("sending files larger than allowed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, _origin.ReceivedHeaders.Count);
    }

    [Fact]
    public async Task An_upload_within_the_limit_goes_through()
    {
        using var client = _proxy.CreateClient();
        using var response = await client.PostAsync(Url("/count"), new ByteArrayContent(new byte[UploadLimit]));
        Assert.Equal(UploadLimit.ToString(System.Globalization.CultureInfo.InvariantCulture), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_chunked_upload_that_grows_over_the_limit_is_stopped_with_413()
    {
        await using var connection = await RawHttpConnection.OpenAsync(_proxy.ProxyPort);
        await connection.SendAsync($"POST {Url("/count")} HTTP/1.1\r\nHost: plain.test\r\nTransfer-Encoding: chunked\r\n\r\n");
        var chunk = new string('x', 10_000);
        for (var i = 0; i < 12; i++)
        {
            await connection.SendAsync($"{chunk.Length:x}\r\n{chunk}\r\n");
        }

        var response = await connection.ReadResponseAsync();
        Assert.Equal(413, response.Status);
        Assert.Equal("close", response.Headers["Connection"]);
    }

    [Fact]
    public async Task A_download_declared_over_the_limit_gets_the_block_page_before_any_byte()
    {
        using var client = _proxy.CreateClient();
        using var response = await client.GetAsync(Url($"/bytes/{DownloadLimit + 1}"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("downloading files larger than allowed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_download_without_a_declared_length_is_cut_where_it_crosses_the_limit()
    {
        using var client = _proxy.CreateClient();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => client.GetByteArrayAsync(Url($"/bytes/{DownloadLimit * 5}?chunked=1")));
        Assert.True(error is HttpRequestException or IOException, error.ToString());
    }

    [Fact]
    public async Task A_download_within_the_limit_arrives_whole()
    {
        using var client = _proxy.CreateClient();
        var body = await client.GetByteArrayAsync(Url($"/bytes/{DownloadLimit}?chunked=1"));
        Assert.Equal(DownloadLimit, body.Length);
    }
}
