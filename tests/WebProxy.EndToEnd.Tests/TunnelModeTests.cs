using WebProxy.EndToEnd.Tests.Support;
using WebProxy.Testing;

namespace WebProxy.EndToEnd.Tests;

/// <summary>
/// A proxy configured with <c>"Policy": { "InterceptionMode": "None" }</c> splices CONNECT tunnels blindly: curl talks TLS with
/// the origin itself and sees the origin's own certificate, not one from the organisation CA.
/// </summary>
public sealed class TunnelModeTests : IAsyncLifetime
{
    private readonly TestCertificates _certificates = new();
    private readonly TempDirectory _temp = new();
    private OriginServer _tlsOrigin = null!;
    private ProxyProcess _proxy = null!;
    private string _originRootPath = null!;

    public async Task InitializeAsync()
    {
        _tlsOrigin = await OriginServer.StartAsync(_certificates);
        _proxy = await ProxyProcess.StartAsync(_certificates, [_tlsOrigin.Port], config => config["Policy"]!["InterceptionMode"] = "None");
        _originRootPath = _certificates.WriteRootPem(_temp.Path);
    }

    public async Task DisposeAsync()
    {
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        if (_tlsOrigin is not null)
        {
            await _tlsOrigin.DisposeAsync();
        }

        _temp.Dispose();
        _certificates.Dispose();
    }

    [Fact]
    public async Task Curl_trusting_only_the_origin_root_reaches_the_origin_through_a_blind_tunnel()
    {
        var result = await Curl.RunAsync(["-v", "--cacert", _originRootPath, "-x", _proxy.ProxyUrl, $"https://good.test:{_tlsOrigin.Port}/hello"]);

        Assert.True(result.ExitCode == 0 && result.Status == 200, result.Describe());
        Assert.Equal("hello from the origin", result.Body);
        var issuer = Assert.Single(result.Trace.Split('\n'), line => line.Contains("issuer:", StringComparison.Ordinal));
        Assert.Contains("WebProxy Test Origin Root", issuer, StringComparison.Ordinal);
        Assert.DoesNotContain(ProxyProcess.CaCommonName, issuer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HTTP2_is_negotiated_between_curl_and_the_origin_through_the_tunnel()
    {
        var result = await Curl.RunAsync(["--http2", "--cacert", _originRootPath, "-x", _proxy.ProxyUrl, $"https://good.test:{_tlsOrigin.Port}/protocol"]);

        Assert.True(result.ExitCode == 0 && result.Status == 200, result.Describe());
        Assert.Equal("2", result.HttpVersion);
        Assert.Equal("HTTP/2", result.Body);
    }

    [Fact]
    public async Task A_blind_tunnel_is_counted_as_tunneled_with_its_bytes_and_closes_its_gauge()
    {
        var result = await Curl.RunAsync(["--cacert", _originRootPath, "-x", _proxy.ProxyUrl, $"https://good.test:{_tlsOrigin.Port}/kib"]);
        Assert.True(result.Status == 200, result.Describe());

        // The tunnel closes on the proxy's side shortly after curl has gone.
        var samples = MetricSample.ParseAll(
            await _proxy.ScrapeMetricsUntilAsync(text => text.Contains("webproxy_tunnels_active{mode=\"tunnel\"} 0", StringComparison.Ordinal)));

        Assert.Contains(samples, s => s.Name == "webproxy_requests_total" && s.Labels["method_class"] == "connect" && s.Labels["outcome"] == "tunneled" && s.Value >= 1);
        Assert.Contains(samples, s => s.Name == "webproxy_traffic_to_client_bytes_total" && s.Labels["traffic"] == "tunnel" && s.Value > 1024);
        Assert.Contains(samples, s => s.Name == "webproxy_traffic_to_origin_bytes_total" && s.Labels["traffic"] == "tunnel" && s.Value > 0);
    }

    [Fact]
    public async Task In_a_blind_tunnel_the_proxy_cannot_see_an_expired_certificate_so_curl_refuses_it_itself()
    {
        var result = await Curl.RunAsync(["--cacert", _originRootPath, "-x", _proxy.ProxyUrl, $"https://expired.test:{_tlsOrigin.Port}/hello"]);

        // curl exit code 60: certificate problem, found by curl, not a page from the proxy.
        Assert.True(result.ExitCode == 60, result.Describe());
        Assert.Contains("expired", result.Trace, StringComparison.Ordinal);
    }
}
