using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace WebProxy.CertificateAuthority.Tests.Support;

/// <summary>Totals every counter and counts every histogram measurement of the meters of one factory.</summary>
internal sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _totals = new();
    private readonly ConcurrentDictionary<string, int> _measurementCounts = new();
    private readonly ConcurrentDictionary<string, string?> _units = new();

    public MetricsRecorder(IMeterFactory factory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory))
            {
                _units[instrument.Name] = instrument.Unit;
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            _totals.AddOrUpdate(instrument.Name, value, (_, total) => total + value);
            _measurementCounts.AddOrUpdate(instrument.Name, 1, (_, count) => count + 1);
        });
        _listener.SetMeasurementEventCallback<double>((instrument, _, _, _) =>
            _measurementCounts.AddOrUpdate(instrument.Name, 1, (_, count) => count + 1));
        _listener.Start();
    }

    public long Total(string instrument) => _totals.GetValueOrDefault(instrument);

    public int Measurements(string instrument) => _measurementCounts.GetValueOrDefault(instrument);

    public string? Unit(string instrument) => _units.GetValueOrDefault(instrument);

    public void Dispose() => _listener.Dispose();
}
