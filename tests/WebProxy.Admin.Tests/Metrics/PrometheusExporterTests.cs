using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WebProxy.Admin.Metrics;

namespace WebProxy.Admin.Tests.Metrics;

public sealed class PrometheusExporterTests
{
    [Fact]
    public void Measurements_recorded_after_host_start_but_before_the_first_scrape_are_counted()
    {
        using var provider = new ServiceCollection().AddWebProxyAdmin(new AdminOptions()).BuildServiceProvider();
        // What the host does when it starts: resolve its hosted services.
        _ = provider.GetServices<IHostedService>().ToArray();
        var counter = provider.GetRequiredService<IMeterFactory>().Create("WebProxy.Test").CreateCounter<long>("webproxy.test.early", "{request}", "Early.");

        counter.Add(1);

        Assert.Contains("webproxy_test_early_total 1\n", provider.GetRequiredService<PrometheusExporter>().Scrape(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_recording_loses_no_measurement()
    {
        using var provider = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meterFactory = provider.GetRequiredService<IMeterFactory>();
        using var exporter = new PrometheusExporter(meterFactory);
        var meter = meterFactory.Create("WebProxy.Test");
        var requests = meter.CreateCounter<long>("webproxy.test.requests", "{request}", "Requests.");
        var bytes = meter.CreateCounter<double>("webproxy.test.traffic", "By", "Bytes.");
        var duration = meter.CreateHistogram("webproxy.test.duration", "s", "Durations.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1] });
        const int Threads = 8;
        const int PerThread = 50_000;

        await Task.WhenAll(Enumerable.Range(0, Threads).Select(thread => Task.Run(() =>
        {
            for (var i = 0; i < PerThread; i++)
            {
                var outcome = new KeyValuePair<string, object?>("outcome", i % 2 == 0 ? "allowed" : "blocked");
                requests.Add(1, outcome);
                bytes.Add(0.5, outcome);
                duration.Record(i % 4 == 0 ? 2 : 0.5, outcome);
            }
        })));
        var metrics = exporter.Scrape();

        const int Half = Threads * PerThread / 2;
        Assert.Contains($"webproxy_test_requests_total{{outcome=\"allowed\"}} {Half}\n", metrics, StringComparison.Ordinal);
        Assert.Contains($"webproxy_test_requests_total{{outcome=\"blocked\"}} {Half}\n", metrics, StringComparison.Ordinal);
        Assert.Contains($"webproxy_test_traffic_bytes_total{{outcome=\"blocked\"}} {Half / 2}\n", metrics, StringComparison.Ordinal);
        // Every i % 4 == 0 is even, so all values of 2 seconds are "allowed": half of the allowed ones.
        Assert.Contains($"webproxy_test_duration_seconds_bucket{{outcome=\"allowed\",le=\"1\"}} {Half / 2}\n", metrics, StringComparison.Ordinal);
        Assert.Contains($"webproxy_test_duration_seconds_count{{outcome=\"allowed\"}} {Half}\n", metrics, StringComparison.Ordinal);
        Assert.Contains($"webproxy_test_duration_seconds_sum{{outcome=\"allowed\"}} {(Half / 2 * 2) + (Half / 2 * 0.5)}\n", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public void A_runaway_tag_lands_in_one_overflow_series_instead_of_growing_without_bound()
    {
        using var provider = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meterFactory = provider.GetRequiredService<IMeterFactory>();
        using var exporter = new PrometheusExporter(meterFactory);
        var counter = meterFactory.Create("WebProxy.Test").CreateCounter<long>("webproxy.test.leaky", "{request}", "A bug: one series per id.");

        for (var id = 0; id < 2500; id++)
        {
            counter.Add(1, new KeyValuePair<string, object?>("id", id));
        }

        var lines = exporter.Scrape().Split('\n');

        Assert.Equal(2001, lines.Count(line => line.StartsWith("webproxy_test_leaky_total{", StringComparison.Ordinal)));
        Assert.Contains("webproxy_test_leaky_total{otel_metric_overflow=\"true\"} 500", lines);
    }

    [Fact]
    public void Disposing_the_exporter_stops_listening()
    {
        using var provider = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meterFactory = provider.GetRequiredService<IMeterFactory>();
        var exporter = new PrometheusExporter(meterFactory);
        var counter = meterFactory.Create("WebProxy.Test").CreateCounter<long>("webproxy.test.after", "{request}", "After dispose.");
        counter.Add(1);

        exporter.Dispose();

        Assert.False(counter.Enabled);
    }
}
