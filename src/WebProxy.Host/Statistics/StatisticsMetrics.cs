using System.Diagnostics.Metrics;

namespace WebProxy.Host.Statistics;

/// <summary>
/// How the statistics pipeline is doing, for IT's Prometheus (issue 5): flushes by result, their duration, the age of
/// the last successful one, and retention deletions. No site, user or address labels.
/// </summary>
internal sealed class StatisticsMetrics
{
    public const string MeterName = "WebProxy.Statistics";

    private static readonly double[] DurationBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private readonly Counter<long> _flushes;
    private readonly Histogram<double> _flushDuration;
    private readonly Counter<long> _deleted;

    public StatisticsMetrics(IMeterFactory meterFactory, Func<double?> lastFlushAgeSeconds)
    {
        var meter = meterFactory.Create(MeterName);
        _flushes = meter.CreateCounter<long>("webproxy.statistics.flushes", "{flush}", "Writes of the in-memory counts to statistics.db, by result (ok, failed).");
        _flushDuration = meter.CreateHistogram("webproxy.statistics.flush.duration", "s", "Time one flush took, transaction included.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        meter.CreateObservableGauge("webproxy.statistics.last_flush.age", () => lastFlushAgeSeconds() ?? double.NaN, "s",
            "Seconds since the last successful flush; grows without bound when flushing fails.");
        _deleted = meter.CreateCounter<long>("webproxy.statistics.deleted_rows", "{row}", "Aggregate rows deleted by the retention job.");
    }

    public void Flushed(bool succeeded, TimeSpan duration)
    {
        _flushes.Add(1, new KeyValuePair<string, object?>("result", succeeded ? "ok" : "failed"));
        _flushDuration.Record(duration.TotalSeconds);
    }

    public void Deleted(long rows) => _deleted.Add(rows);
}
