using System.Diagnostics.Metrics;
using System.Text;

namespace WebProxy.Admin.Metrics;

/// <summary>A histogram: cumulative <c>_bucket</c> samples up to <c>+Inf</c>, then <c>_sum</c> and <c>_count</c>.</summary>
internal sealed class HistogramInstrumentState : InstrumentState
{
    /// <summary>Prometheus client defaults, extended to a minute for slow downloads.</summary>
    private static readonly double[] DefaultBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly double[] _boundaries;
    private readonly string[] _boundaryLabels;
    private readonly SeriesIndex<HistogramSeries> _series;

    public HistogramInstrumentState(Instrument instrument, double[] boundaries)
        : base(instrument, PrometheusText.MetricName(instrument.Name, instrument.Unit, isCounter: false), "histogram")
    {
        _boundaries = boundaries;
        _boundaryLabels = [.. boundaries.Select(b => "le=\"" + PrometheusText.FormatDouble(b) + "\""), "le=\"+Inf\""];
        _series = new SeriesIndex<HistogramSeries>(() => new HistogramSeries(_boundaries.Length));
    }

    /// <summary>The bucket boundaries the instrument asked for through <see cref="InstrumentAdvice{T}"/>, else the defaults.</summary>
    public static double[] BoundariesOf(Instrument instrument)
    {
        var boundaries = instrument switch
        {
            Instrument<double> { Advice.HistogramBucketBoundaries: { } advised } => advised.ToArray(),
            Instrument<long> { Advice.HistogramBucketBoundaries: { } advised } => advised.Select(b => (double)b).ToArray(),
            Instrument<int> { Advice.HistogramBucketBoundaries: { } advised } => advised.Select(b => (double)b).ToArray(),
            _ => DefaultBoundaries,
        };

        // InstrumentAdvice already insists on strictly increasing boundaries; Array.BinarySearch relies on it.
        return boundaries.Length == 0 ? DefaultBoundaries : boundaries;
    }

    public override void Record(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _series.Get(tags).Record(value, _boundaries);

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _series.Get(tags).Record(value, _boundaries);

    protected override bool WriteSamples(StringBuilder output, long generation)
    {
        var snapshot = _series.Snapshot();
        var counts = new long[_boundaries.Length + 1];
        foreach (var (labels, series) in snapshot)
        {
            series.CopyBuckets(counts);
            var prefix = labels.Length > 0 ? labels + "," : string.Empty;
            long cumulative = 0;
            for (var i = 0; i < counts.Length; i++)
            {
                cumulative += counts[i];
                AppendSample(output, MetricName + "_bucket", prefix + _boundaryLabels[i], PrometheusText.FormatLong(cumulative));
            }

            AppendSample(output, MetricName + "_sum", labels, PrometheusText.FormatDouble(series.Sum));
            AppendSample(output, MetricName + "_count", labels, PrometheusText.FormatLong(cumulative));
        }

        return snapshot.Length > 0;
    }
}
