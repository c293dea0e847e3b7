using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using WebProxy.EndToEnd.Tests.Support;
using WebProxy.Testing;

namespace WebProxy.EndToEnd.Tests;

/// <summary>
/// /metrics on the admin port of the real proxy process after real traffic: the series the operators' dashboards
/// need, labels from small fixed vocabularies that never name a host or an address, and text promtool accepts.
/// </summary>
public sealed class MetricsTests : IClassFixture<MetricsFixture>
{
    private readonly MetricsFixture _fixture;

    public MetricsTests(MetricsFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Requests_are_counted_by_method_class_and_outcome()
    {
        var samples = MetricSample.ParseAll(await _fixture.ScrapeAsync());

        AssertPositive(samples, "webproxy_requests_total", ("method_class", "safe"), ("outcome", "forwarded"));
        AssertPositive(samples, "webproxy_requests_total", ("method_class", "unsafe"), ("outcome", "forwarded"));
        AssertPositive(samples, "webproxy_requests_total", ("method_class", "connect"), ("outcome", "intercepted"));
        AssertPositive(samples, "webproxy_requests_total", ("method_class", "connect"), ("outcome", "refused"));
        AssertPositive(samples, "webproxy_requests_total", ("method_class", "safe"), ("outcome", "upstream_error"));
    }

    [Fact]
    public async Task Request_durations_are_a_histogram_with_buckets_sum_and_count()
    {
        var samples = MetricSample.ParseAll(await _fixture.ScrapeAsync());

        var buckets = samples.Where(s => s.Name == "webproxy_request_duration_seconds_bucket" && s.Labels["method_class"] == "safe" && s.Labels["outcome"] == "forwarded").ToArray();
        Assert.True(buckets.Length > 5, "Expected several duration buckets.");
        var infinity = Assert.Single(buckets, b => b.Labels["le"] == "+Inf");
        var count = Single(samples, "webproxy_request_duration_seconds_count", ("method_class", "safe"), ("outcome", "forwarded"));
        Assert.Equal(count.Value, infinity.Value);
        Assert.True(Single(samples, "webproxy_request_duration_seconds_sum", ("method_class", "safe"), ("outcome", "forwarded")).Value > 0);
        Assert.Equal(buckets.Select(b => b.Value).Order(), buckets.Select(b => b.Value));
    }

    [Fact]
    public async Task Bytes_to_clients_and_to_origins_are_counted()
    {
        var samples = MetricSample.ParseAll(await _fixture.ScrapeAsync());

        Assert.True(samples.Where(s => s.Name == "webproxy_traffic_to_client_bytes_total").Sum(s => s.Value) >= 1024, "The /kib answer alone is 1 KiB.");
        Assert.True(samples.Where(s => s.Name == "webproxy_traffic_to_origin_bytes_total").Sum(s => s.Value) >= "posted body".Length);
    }

    [Fact]
    public async Task TLS_handshake_failures_are_counted_by_side()
    {
        var samples = MetricSample.ParseAll(await _fixture.ScrapeAsync());

        AssertPositive(samples, "webproxy_tls_handshake_failures_total", ("side", "client"));
        AssertPositive(samples, "webproxy_tls_handshake_failures_total", ("side", "upstream"));
    }

    [Fact]
    public async Task Upstream_errors_are_counted_by_kind()
    {
        var samples = MetricSample.ParseAll(await _fixture.ScrapeAsync());

        AssertPositive(samples, "webproxy_upstream_errors_total", ("kind", "tls"));
        AssertPositive(samples, "webproxy_upstream_errors_total", ("kind", "refused"));
    }

    [Fact]
    public async Task Leaf_certificate_cache_hits_and_misses_are_counted()
    {
        var samples = MetricSample.ParseAll(await _fixture.ScrapeAsync());

        // good.test twice (a miss, then a hit), expired.test once (a miss), and the untrusting workstation's good.test (a hit).
        Assert.True(Single(samples, "webproxy_tls_leaf_cache_misses_total").Value >= 2);
        Assert.True(Single(samples, "webproxy_tls_leaf_cache_hits_total").Value >= 1);
    }

    [Fact]
    public async Task Open_connections_and_tunnels_are_gauges_that_rise_while_open_and_fall_when_closed()
    {
        var idle = MetricSample.ParseAll(await _fixture.ScrapeUntilAsync(text => text.Contains("webproxy_connections_active 0", StringComparison.Ordinal)));
        Assert.Equal(0, Single(idle, "webproxy_tunnels_active", ("mode", "intercept")).Value);

        await using (var connection = await RawHttpConnection.OpenAsync(_fixture.Proxy.ProxyPort))
        {
            var authority = $"good.test:{_fixture.TlsOrigin.Port}";
            await connection.SendAsync($"CONNECT {authority} HTTP/1.1\r\nHost: {authority}\r\n\r\n");
            Assert.Equal(200, (await connection.ReadResponseAsync()).Status);
            await using var tls = new SslStream(connection.Stream, leaveInnerStreamOpen: true, (_, _, _, _) => true);
            await tls.AuthenticateAsClientAsync("good.test");

            var open = MetricSample.ParseAll(await _fixture.ScrapeAsync());
            Assert.Equal(1, Single(open, "webproxy_connections_active").Value);
            Assert.Equal(1, Single(open, "webproxy_tunnels_active", ("mode", "intercept")).Value);
        }

        await _fixture.ScrapeUntilAsync(text =>
            text.Contains("webproxy_connections_active 0", StringComparison.Ordinal) &&
            text.Contains("webproxy_tunnels_active{mode=\"intercept\"} 0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Statistics_flushes_are_counted_timed_and_their_age_is_a_gauge()
    {
        // The fixture's traffic is flushed within the default interval of 5 s.
        var samples = MetricSample.ParseAll(await _fixture.ScrapeUntilAsync(text => text.Contains("webproxy_statistics_flushes_total{result=\"ok\"}", StringComparison.Ordinal)));

        AssertPositive(samples, "webproxy_statistics_flushes_total", ("result", "ok"));
        Assert.True(Single(samples, "webproxy_statistics_flush_duration_seconds_count").Value >= 1);
        var age = Single(samples, "webproxy_statistics_last_flush_age_seconds").Value;
        Assert.InRange(age, 0, 10);
    }

    [Fact]
    public async Task No_label_value_names_a_host_or_an_address()
    {
        var text = await _fixture.ScrapeAsync();
        var samples = MetricSample.ParseAll(text);

        var forbidden = ProxyUnderTest.TestHosts.Concat(["127.0.0.1", "localhost", ".test"]).ToArray();
        foreach (var sample in samples)
        {
            foreach (var (name, value) in sample.Labels)
            {
                Assert.DoesNotContain(forbidden, value.Contains);
                if (name == "le")
                {
                    continue;
                }

                // A vocabulary word: no dots or colons, so no host name or IP address fits.
                Assert.Matches("^[a-z][a-z0-9_]*$", value);
            }
        }

        Assert.DoesNotContain(".test", text, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promtool_accepts_the_exposition_without_a_single_remark()
    {
        var text = await _fixture.ScrapeAsync();

        await Promtool.AssertValidAsync(text);
    }

    private static MetricSample Single(IReadOnlyList<MetricSample> samples, string name, params (string Name, string Value)[] labels)
    {
        var matches = samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value)).ToArray();
        Assert.True(matches.Length == 1,
            $"Expected one sample {name}{{{string.Join(',', labels.Select(l => $"{l.Name}=\"{l.Value}\""))}}}, found {matches.Length} among:\n" +
            string.Join('\n', samples.Where(s => s.Name.StartsWith("webproxy", StringComparison.Ordinal)).Select(s => $"{s.Name} {string.Join(',', s.Labels)} {s.Value}")));
        return matches[0];
    }

    private static void AssertPositive(IReadOnlyList<MetricSample> samples, string name, params (string Name, string Value)[] labels) =>
        Assert.True(Single(samples, name, labels).Value > 0, $"{name} with {string.Join(',', labels)} is zero.");
}
