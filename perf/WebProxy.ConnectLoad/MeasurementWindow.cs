namespace WebProxy.ConnectLoad;

/// <summary>The timestamps (from the run's <see cref="TimeProvider"/>) between which completions are counted.</summary>
internal readonly record struct MeasurementWindow(long From, long Until)
{
    public bool Contains(long timestamp) => timestamp >= From && timestamp <= Until;
}
