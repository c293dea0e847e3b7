using System.Diagnostics.Metrics;
using System.Text;

namespace WebProxy.Admin.Metrics;

/// <summary>What the exporter keeps for one instrument: its Prometheus name and type, and its series.</summary>
internal abstract class InstrumentState
{
    private static readonly (Type Definition, InstrumentKind Kind)[] KnownInstruments =
    [
        (typeof(Counter<>), InstrumentKind.Counter),
        (typeof(UpDownCounter<>), InstrumentKind.UpDownCounter),
        (typeof(Gauge<>), InstrumentKind.Gauge),
        (typeof(ObservableCounter<>), InstrumentKind.ObservableCounter),
        (typeof(ObservableUpDownCounter<>), InstrumentKind.ObservableUpDownCounter),
        (typeof(ObservableGauge<>), InstrumentKind.ObservableGauge),
        (typeof(Histogram<>), InstrumentKind.Histogram),
    ];

    protected InstrumentState(Instrument instrument, string metricName, string type)
    {
        Instrument = instrument;
        MetricName = metricName;
        Type = type;
    }

    public Instrument Instrument { get; }

    /// <summary>The Prometheus metric family name, with unit and <c>_total</c> suffixes.</summary>
    public string MetricName { get; }

    /// <summary>The Prometheus type: <c>counter</c>, <c>gauge</c> or <c>histogram</c>.</summary>
    public string Type { get; }

    /// <summary>
    /// The state for <paramref name="instrument"/>, or null for an instrument type or value type the exporter does
    /// not support (value types: long, int and double).
    /// </summary>
    public static InstrumentState? TryCreate(Instrument instrument)
    {
        for (var type = instrument.GetType(); type is not null; type = type.BaseType)
        {
            if (!type.IsGenericType)
            {
                continue;
            }

            var definition = type.GetGenericTypeDefinition();
            foreach (var (knownDefinition, kind) in KnownInstruments)
            {
                if (definition == knownDefinition)
                {
                    var valueType = type.GetGenericArguments()[0];
                    var isInteger = valueType == typeof(long) || valueType == typeof(int);
                    if (!isInteger && valueType != typeof(double))
                    {
                        return null;
                    }

                    return kind == InstrumentKind.Histogram
                        ? new HistogramInstrumentState(instrument, HistogramInstrumentState.BoundariesOf(instrument))
                        : new ScalarInstrumentState(instrument, kind, isInteger);
                }
            }
        }

        return null;
    }

    public abstract void Record(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags);

    public abstract void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags);

    /// <summary>Called before observable instruments are asked for their values in scrape <paramref name="generation"/>.</summary>
    public virtual void BeginCollect(long generation)
    {
    }

    /// <summary>Appends the family (HELP, TYPE, samples) to <paramref name="output"/>; nothing if it has no samples.</summary>
    public void WriteTo(StringBuilder output, long generation)
    {
        var start = output.Length;
        var help = string.IsNullOrEmpty(Instrument.Description) ? Instrument.Name : Instrument.Description;
        output.Append("# HELP ").Append(MetricName).Append(' ').Append(PrometheusText.EscapeHelp(help)).Append('\n');
        output.Append("# TYPE ").Append(MetricName).Append(' ').Append(Type).Append('\n');
        if (!WriteSamples(output, generation))
        {
            // A family without samples says nothing useful; dropping it keeps the output short.
            output.Length = start;
        }
    }

    /// <summary>Appends the samples; returns false if there were none.</summary>
    protected abstract bool WriteSamples(StringBuilder output, long generation);

    protected static void AppendSample(StringBuilder output, string name, string labels, string value)
    {
        output.Append(name);
        if (labels.Length > 0)
        {
            output.Append('{').Append(labels).Append('}');
        }

        output.Append(' ').Append(value).Append('\n');
    }
}
