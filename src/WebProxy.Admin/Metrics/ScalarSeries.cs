namespace WebProxy.Admin.Metrics;

/// <summary>
/// One series of a counter, up-down counter or gauge. Holds a long and a double cell; an instrument uses the one
/// that matches its type, so integer counters stay exact beyond 2^53.
/// </summary>
internal sealed class ScalarSeries
{
    private long _long;
    private double _double;
    private long _generation;

    public long LongValue => Volatile.Read(ref _long);

    public double DoubleValue => Volatile.Read(ref _double);

    /// <summary>The scrape in which an observable instrument last reported this series.</summary>
    public long Generation => Volatile.Read(ref _generation);

    public void Add(long value) => Interlocked.Add(ref _long, value);

    public void Add(double value) => AtomicDouble.Add(ref _double, value);

    public void Set(long value, long generation)
    {
        Volatile.Write(ref _long, value);
        Volatile.Write(ref _generation, generation);
    }

    public void Set(double value, long generation)
    {
        Volatile.Write(ref _double, value);
        Volatile.Write(ref _generation, generation);
    }
}
