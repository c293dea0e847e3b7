using WebProxy.EndToEnd.Tests.Support;
using WebProxy.Testing;

namespace WebProxy.EndToEnd.Tests;

/// <summary>
/// A proxy process that has carried every kind of traffic the metrics describe: plain requests, intercepted
/// HTTPS (one new host, then the same host again), a refused CONNECT, an origin with an expired certificate, an
/// origin that refuses connections, and a workstation that rejects the intercepted certificate.
/// </summary>
public sealed class MetricsFixture : IAsyncLifetime
{
    // Its own proxy process, so the counters hold exactly the traffic below.
    private readonly InterceptingProxyFixture _proxy = new();

    public OriginServer PlainOrigin => _proxy.PlainOrigin;

    public OriginServer TlsOrigin => _proxy.TlsOrigin;

    internal ProxyProcess Proxy => _proxy.Proxy;

    public async Task InitializeAsync()
    {
        await _proxy.InitializeAsync();
        var ca = _proxy.OrganisationCaPath;
        var proxy = Proxy.ProxyUrl;
        var tls = TlsOrigin.Port;

        await ExpectAsync(200, ["-x", proxy, $"http://plain.test:{PlainOrigin.Port}/hello"]);
        await ExpectAsync(200, ["-x", proxy, "--data-binary", "posted body", $"http://plain.test:{PlainOrigin.Port}/echo"]);
        await ExpectAsync(200, ["--cacert", ca, "-x", proxy, $"https://good.test:{tls}/hello"]);
        await ExpectAsync(200, ["--cacert", ca, "-x", proxy, $"https://good.test:{tls}/kib"]);
        await ExpectAsync(502, ["--cacert", ca, "-x", proxy, $"https://expired.test:{tls}/hello"]);
        await ExpectAsync(502, ["-x", proxy, $"http://refused.test:{ClosedPort()}/"]);
        // curl exit code 56: the proxy answered the CONNECT with an error (port 22 is not on the allow-list).
        var refused = await Curl.RunAsync(["-x", proxy, "https://good.test:22/"]);
        Assert.True(refused.ExitCode == 56 && refused.Trace.Contains("response 403", StringComparison.Ordinal), refused.Describe());

        // A workstation without the organisation CA aborts the handshake with an alert (curl exit code 60).
        var untrusting = await Curl.RunAsync(["-x", proxy, $"https://good.test:{tls}/hello"]);
        Assert.True(untrusting.ExitCode == 60, untrusting.Describe());

        // The proxy records the client's aborted handshake when the alert arrives, which may be after curl exits.
        await ScrapeUntilAsync(text => text.Contains("side=\"client\"", StringComparison.Ordinal));
    }

    public Task DisposeAsync() => _proxy.DisposeAsync();

    public Task<string> ScrapeAsync() => Proxy.ScrapeMetricsAsync();

    public Task<string> ScrapeUntilAsync(Func<string, bool> condition) => Proxy.ScrapeMetricsUntilAsync(condition);

    private static async Task ExpectAsync(int status, string[] arguments)
    {
        var result = await Curl.RunAsync(arguments);
        Assert.True(result.Status == status, $"Expected {status} from curl {string.Join(' ', arguments)}\n{result.Describe()}");
    }

    private static int ClosedPort() => FreeTcpPorts.Take(1)[0];
}
