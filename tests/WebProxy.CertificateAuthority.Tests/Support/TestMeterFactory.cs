using System.Diagnostics.Metrics;

namespace WebProxy.CertificateAuthority.Tests.Support;

/// <summary>
/// Hands out meters owned by this factory alone, so a listener can tell this test's instruments from those of
/// tests running in parallel under the same meter name.
/// </summary>
internal sealed class TestMeterFactory : IMeterFactory
{
    private readonly List<Meter> _meters = [];

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options.Name, options.Version, options.Tags, scope: this);
        lock (_meters)
        {
            _meters.Add(meter);
        }

        return meter;
    }

    public void Dispose()
    {
        lock (_meters)
        {
            foreach (var meter in _meters)
            {
                meter.Dispose();
            }

            _meters.Clear();
        }
    }
}
