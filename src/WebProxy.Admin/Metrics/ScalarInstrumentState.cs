using System.Diagnostics.Metrics;
using System.Text;

namespace WebProxy.Admin.Metrics;

/// <summary>Counters, up-down counters and gauges, synchronous or observable: one number per series.</summary>
internal sealed class ScalarInstrumentState : InstrumentState
{
    private readonly SeriesIndex<ScalarSeries> _series = new(static () => new ScalarSeries());
    private readonly bool _isInteger;
    private readonly bool _replacesValue;
    private readonly bool _isObservable;
    private long _generation;

    public ScalarInstrumentState(Instrument instrument, InstrumentKind kind, bool isInteger)
        : base(
            instrument,
            PrometheusText.MetricName(instrument.Name, instrument.Unit, IsCounter(kind)),
            IsCounter(kind) ? "counter" : "gauge")
    {
        _isInteger = isInteger;
        _isObservable = instrument.IsObservable;
        // Synchronous counters report increments; gauges, and every observable instrument, report the value itself
        // (an observable counter's callback returns the running total).
        _replacesValue = kind != InstrumentKind.Counter && kind != InstrumentKind.UpDownCounter;
    }

    public override void BeginCollect(long generation) => Volatile.Write(ref _generation, generation);

    public override void Record(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var series = _series.Get(tags);
        if (_replacesValue)
        {
            series.Set(value, Volatile.Read(ref _generation));
        }
        else
        {
            series.Add(value);
        }
    }

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var series = _series.Get(tags);
        if (_replacesValue)
        {
            series.Set(value, Volatile.Read(ref _generation));
        }
        else
        {
            series.Add(value);
        }
    }

    protected override bool WriteSamples(StringBuilder output, long generation)
    {
        var any = false;
        foreach (var (labels, series) in _series.Snapshot())
        {
            // An observable series that its callback did not report in this scrape no longer exists
            // (a queue that went away, say); repeating its last value would be a lie.
            if (_isObservable && series.Generation != generation)
            {
                continue;
            }

            var value = _isInteger ? PrometheusText.FormatLong(series.LongValue) : PrometheusText.FormatDouble(series.DoubleValue);
            AppendSample(output, MetricName, labels, value);
            any = true;
        }

        return any;
    }

    private static bool IsCounter(InstrumentKind kind) => kind is InstrumentKind.Counter or InstrumentKind.ObservableCounter;
}
