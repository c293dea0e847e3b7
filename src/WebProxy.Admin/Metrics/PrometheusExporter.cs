using System.Diagnostics.Metrics;
using System.Text;

namespace WebProxy.Admin.Metrics;

/// <summary>
/// Serves the application's <see cref="System.Diagnostics.Metrics"/> instruments in the Prometheus text format
/// 0.0.4. It listens to every instrument whose meter was created by this application's <see cref="IMeterFactory"/>
/// (so several hosts in one process, as in tests, never mix) and whose meter name starts with <c>WebProxy</c>.
/// <para>
/// Privacy rule: instruments in this project never carry a host, URL, user name or client address as a tag.
/// Every tag becomes a label that anyone who can scrape the admin port reads, and Prometheus keeps it for months;
/// tags are small fixed vocabularies (method class, outcome, side, kind). The exporter cannot tell what a tag
/// means, so the rule is enforced where instruments are recorded, and a cardinality guard in each instrument
/// (an overflow series) limits the damage of a mistake.
/// </para>
/// <para>
/// Recording is on the proxy's hot path: a measurement costs a lock-free lookup of its tag set and an
/// interlocked add, without allocation once the tag set has been seen. Formatting happens only at scrape time.
/// </para>
/// </summary>
internal sealed class PrometheusExporter : IDisposable
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Only meters named like this are exported; framework meters (Kestrel, HttpClient) are not ours to publish.</summary>
    public const string MeterNamePrefix = "WebProxy";

    private readonly IMeterFactory _meterFactory;
    private readonly MeterListener _listener;
    private readonly Lock _instrumentsLock = new();
    private readonly List<InstrumentState> _instruments = [];
    private readonly Lock _scrapeLock = new();
    private long _generation;

    public PrometheusExporter(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meterFactory = meterFactory;
        _listener = new MeterListener
        {
            InstrumentPublished = OnInstrumentPublished,
            MeasurementsCompleted = OnMeasurementsCompleted,
        };
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((InstrumentState)state!).Record((long)value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        // Start publishes the instruments that already exist, then every new one as it is created.
        _listener.Start();
    }

    /// <summary>Collects observable instruments and renders every family, sorted by metric name.</summary>
    public string Scrape()
    {
        // One scrape at a time: observable callbacks write into the series, tagged with this scrape's generation.
        lock (_scrapeLock)
        {
            var generation = ++_generation;
            InstrumentState[] instruments;
            lock (_instrumentsLock)
            {
                instruments = [.. _instruments];
            }

            foreach (var instrument in instruments)
            {
                instrument.BeginCollect(generation);
            }

            _listener.RecordObservableInstruments();

            Array.Sort(instruments, static (a, b) => string.CompareOrdinal(a.MetricName, b.MetricName));
            var output = new StringBuilder();
            string? previousName = null;
            foreach (var instrument in instruments)
            {
                // A family may appear only once; if two meters define the same instrument name, the first wins.
                if (instrument.MetricName == previousName)
                {
                    continue;
                }

                instrument.WriteTo(output, generation);
                previousName = instrument.MetricName;
            }

            return output.ToString();
        }
    }

    public void Dispose() => _listener.Dispose();

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        // DefaultMeterFactory sets each meter's Scope to itself, which identifies this application's meters.
        if (!ReferenceEquals(instrument.Meter.Scope, _meterFactory)
            || !instrument.Meter.Name.StartsWith(MeterNamePrefix, StringComparison.Ordinal))
        {
            return;
        }

        if (InstrumentState.TryCreate(instrument) is not { } state)
        {
            return;
        }

        lock (_instrumentsLock)
        {
            _instruments.Add(state);
        }

        listener.EnableMeasurementEvents(instrument, state);
    }

    private void OnMeasurementsCompleted(Instrument instrument, object? state)
    {
        if (state is InstrumentState instrumentState)
        {
            lock (_instrumentsLock)
            {
                _instruments.Remove(instrumentState);
            }
        }
    }
}
