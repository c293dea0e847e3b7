using WebProxy.Admin.Metrics;

namespace WebProxy.Admin.Tests.Metrics;

public sealed class PrometheusTextTests
{
    [Theory]
    [InlineData("webproxy.requests", "{request}", true, "webproxy_requests_total")]
    [InlineData("webproxy.request.duration", "s", false, "webproxy_request_duration_seconds")]
    [InlineData("webproxy.traffic.to_client", "By", true, "webproxy_traffic_to_client_bytes_total")]
    [InlineData("webproxy.connections.active", "{connection}", false, "webproxy_connections_active")]
    [InlineData("webproxy.flush.duration_seconds", "s", false, "webproxy_flush_duration_seconds")]
    [InlineData("webproxy.events_total", null, true, "webproxy_events_total")]
    [InlineData("webproxy.share", "1", false, "webproxy_share")]
    [InlineData("webproxy.cache-hits", "{hit}", true, "webproxy_cache_hits_total")]
    [InlineData("9lives", null, false, "_9lives")]
    public void Instrument_names_and_units_map_to_prometheus_names(string name, string? unit, bool isCounter, string expected)
    {
        Assert.Equal(expected, PrometheusText.MetricName(name, unit, isCounter));
    }

    [Theory]
    [InlineData(0.5, "0.5")]
    [InlineData(1e-7, "1E-07")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    public void Doubles_use_the_prometheus_spelling(double value, string expected)
    {
        Assert.Equal(expected, PrometheusText.FormatDouble(value));
    }
}
