using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace WebProxy.Admin.Tests.Metrics;

public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Counters_up_down_counters_and_histograms_are_exported_per_tag_set_in_the_prometheus_text_format()
    {
        await using var host = await AdminHost.StartAsync();
        var meter = host.Services.GetRequiredService<IMeterFactory>().Create("WebProxy.Test");
        var requests = meter.CreateCounter<long>("webproxy.test.requests", "{request}", "Requests answered, by method class and outcome.");
        var traffic = meter.CreateCounter<double>("webproxy.test.traffic", "By", "Bytes sent to clients.");
        var active = meter.CreateUpDownCounter<long>("webproxy.test.connections.active", "{connection}", "Client connections open.");
        var duration = meter.CreateHistogram("webproxy.test.request.duration", "s", "Time per request.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.125, 1] });

        requests.Add(2, new("outcome", "allowed"), new("method", "safe"));
        requests.Add(3, new("method", "safe"), new("outcome", "allowed"));
        requests.Add(1, new("method", "unsafe"), new("outcome", "blocked"));
        traffic.Add(1.5);
        traffic.Add(2.25);
        active.Add(3);
        active.Add(-1);
        foreach (var seconds in new[] { 0.0625, 0.125, 0.5, 2 })
        {
            duration.Record(seconds, new KeyValuePair<string, object?>("outcome", "allowed"));
        }

        using var response = await host.Client.GetAsync("/metrics");
        var metrics = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("""
            # HELP webproxy_test_connections_active Client connections open.
            # TYPE webproxy_test_connections_active gauge
            webproxy_test_connections_active 2
            # HELP webproxy_test_request_duration_seconds Time per request.
            # TYPE webproxy_test_request_duration_seconds histogram
            webproxy_test_request_duration_seconds_bucket{outcome="allowed",le="0.125"} 2
            webproxy_test_request_duration_seconds_bucket{outcome="allowed",le="1"} 3
            webproxy_test_request_duration_seconds_bucket{outcome="allowed",le="+Inf"} 4
            webproxy_test_request_duration_seconds_sum{outcome="allowed"} 2.6875
            webproxy_test_request_duration_seconds_count{outcome="allowed"} 4
            # HELP webproxy_test_requests_total Requests answered, by method class and outcome.
            # TYPE webproxy_test_requests_total counter
            webproxy_test_requests_total{method="safe",outcome="allowed"} 5
            webproxy_test_requests_total{method="unsafe",outcome="blocked"} 1
            # HELP webproxy_test_traffic_bytes_total Bytes sent to clients.
            # TYPE webproxy_test_traffic_bytes_total counter
            webproxy_test_traffic_bytes_total 3.75

            """, metrics);
        await Promtool.AssertValidAsync(metrics);
    }

    [Fact]
    public async Task Observable_instruments_are_read_at_scrape_time_and_unreported_series_disappear()
    {
        await using var host = await AdminHost.StartAsync();
        var meter = host.Services.GetRequiredService<IMeterFactory>().Create("WebProxy.Test");
        long categories = 42;
        var queues = new List<Measurement<int>> { new(7, new KeyValuePair<string, object?>("queue", "flush")) };
        meter.CreateObservableGauge("webproxy.test.categories.loaded", () => categories, "{category}", "Categories loaded.");
        meter.CreateObservableCounter("webproxy.test.cpu", () => 1.5, "s", "CPU time used.");
        meter.CreateObservableUpDownCounter("webproxy.test.queue.length", () => queues.ToArray(), "{item}", "Items waiting.");
        var ratio = meter.CreateGauge<double>("webproxy.test.ratio", "1", "Share of requests intercepted.");
        ratio.Record(0.5);
        ratio.Record(0.25);

        var first = await host.Client.GetStringAsync("/metrics");
        categories = 43;
        queues.Clear();
        var second = await host.Client.GetStringAsync("/metrics");

        Assert.Equal("""
            # HELP webproxy_test_categories_loaded Categories loaded.
            # TYPE webproxy_test_categories_loaded gauge
            webproxy_test_categories_loaded 42
            # HELP webproxy_test_cpu_seconds_total CPU time used.
            # TYPE webproxy_test_cpu_seconds_total counter
            webproxy_test_cpu_seconds_total 1.5
            # HELP webproxy_test_queue_length Items waiting.
            # TYPE webproxy_test_queue_length gauge
            webproxy_test_queue_length{queue="flush"} 7
            # HELP webproxy_test_ratio Share of requests intercepted.
            # TYPE webproxy_test_ratio gauge
            webproxy_test_ratio 0.25

            """, first);
        Assert.Contains("webproxy_test_categories_loaded 43\n", second, StringComparison.Ordinal);
        Assert.DoesNotContain("webproxy_test_queue_length", second, StringComparison.Ordinal);
        await Promtool.AssertValidAsync(first);
        await Promtool.AssertValidAsync(second);
    }

    [Fact]
    public async Task A_histogram_without_advice_uses_the_default_buckets_and_long_values()
    {
        await using var host = await AdminHost.StartAsync();
        var meter = host.Services.GetRequiredService<IMeterFactory>().Create("WebProxy.Test");
        var size = meter.CreateHistogram<long>("webproxy.test.response.size", "By", "Response body sizes.");
        size.Record(2);
        size.Record(100);

        var metrics = await host.Client.GetStringAsync("/metrics");

        var buckets = metrics.Split('\n').Where(line => line.StartsWith("webproxy_test_response_size_bytes_bucket", StringComparison.Ordinal)).ToArray();
        Assert.Equal(
            ["0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "30", "60", "+Inf"],
            buckets.Select(line => line.Split('"')[1]));
        Assert.Contains("webproxy_test_response_size_bytes_bucket{le=\"1\"} 0\n", metrics, StringComparison.Ordinal);
        Assert.Contains("webproxy_test_response_size_bytes_bucket{le=\"2.5\"} 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("webproxy_test_response_size_bytes_bucket{le=\"60\"} 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("webproxy_test_response_size_bytes_bucket{le=\"+Inf\"} 2\n", metrics, StringComparison.Ordinal);
        Assert.Contains("webproxy_test_response_size_bytes_sum 102\n", metrics, StringComparison.Ordinal);
        Assert.Contains("webproxy_test_response_size_bytes_count 2\n", metrics, StringComparison.Ordinal);
        await Promtool.AssertValidAsync(metrics);
    }

    [Fact]
    public async Task Only_meters_of_this_host_named_WebProxy_are_exported()
    {
        await using var host = await AdminHost.StartAsync();
        var hostFactory = host.Services.GetRequiredService<IMeterFactory>();
        using var otherServices = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var unscopedMeter = new Meter("WebProxy.Unscoped");

        hostFactory.Create("WebProxy.Test").CreateCounter<long>("webproxy.test.visible", "{request}", "Exported.").Add(1);
        otherServices.GetRequiredService<IMeterFactory>().Create("WebProxy.Test").CreateCounter<long>("webproxy.test.other_host", "{request}", "Another host's.").Add(1);
        hostFactory.Create("Contoso.Test").CreateCounter<long>("contoso.requests", "{request}", "Not ours.").Add(1);
        unscopedMeter.CreateCounter<long>("webproxy.test.unscoped", "{request}", "No factory.").Add(1);

        var metrics = await host.Client.GetStringAsync("/metrics");

        Assert.Equal("""
            # HELP webproxy_test_visible_total Exported.
            # TYPE webproxy_test_visible_total counter
            webproxy_test_visible_total 1

            """, metrics);
    }

    [Fact]
    public async Task Label_values_and_help_text_are_escaped_and_tag_values_rendered_invariantly()
    {
        await using var host = await AdminHost.StartAsync();
        var meter = host.Services.GetRequiredService<IMeterFactory>().Create("WebProxy.Test");
        var counter = meter.CreateCounter<long>("webproxy.test.escapes", "{event}", "First line\nsecond \\ line \"quoted\".");

        counter.Add(1, new KeyValuePair<string, object?>("reason.text", "a \"quoted\" back\\slash\nnew line"));
        counter.Add(2, new("status", 200), new("intercepted", true), new("ratio", 0.5), new("kind", DayOfWeek.Monday));

        var metrics = await host.Client.GetStringAsync("/metrics");

        Assert.Equal("""
            # HELP webproxy_test_escapes_total First line\nsecond \\ line "quoted".
            # TYPE webproxy_test_escapes_total counter
            webproxy_test_escapes_total{intercepted="true",kind="Monday",ratio="0.5",status="200"} 2
            webproxy_test_escapes_total{reason_text="a \"quoted\" back\\slash\nnew line"} 1

            """, metrics);
        await Promtool.AssertValidAsync(metrics);
    }

    [Fact]
    public async Task The_same_tags_as_different_objects_count_in_one_series()
    {
        await using var host = await AdminHost.StartAsync();
        var meter = host.Services.GetRequiredService<IMeterFactory>().Create("WebProxy.Test");
        var counter = meter.CreateCounter<long>("webproxy.test.statuses", "{response}", "Responses by status.");

        // A boxed int is a new object each time, and "200" as text renders to the same label.
        counter.Add(1, new KeyValuePair<string, object?>("status", 200));
        counter.Add(1, new KeyValuePair<string, object?>("status", 200));
        counter.Add(1, new KeyValuePair<string, object?>("status", "200"));

        var metrics = await host.Client.GetStringAsync("/metrics");

        Assert.Contains("webproxy_test_statuses_total{status=\"200\"} 3\n", metrics, StringComparison.Ordinal);
        await Promtool.AssertValidAsync(metrics);
    }
}
