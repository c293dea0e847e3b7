namespace WebProxy.Admin.Metrics;

/// <summary>
/// One series of a histogram: a count per bucket (the last one is the overflow above the highest boundary) and
/// the sum. There is no separate total count: the scrape derives it from the buckets, so <c>_count</c> and the
/// <c>+Inf</c> bucket always agree even while measurements arrive.
/// </summary>
internal sealed class HistogramSeries
{
    private readonly long[] _buckets;
    private double _sum;

    public HistogramSeries(int boundaryCount)
    {
        _buckets = new long[boundaryCount + 1];
    }

    public double Sum => Volatile.Read(ref _sum);

    public void Record(double value, double[] boundaries)
    {
        if (double.IsNaN(value))
        {
            return;
        }

        // Prometheus buckets are "less than or equal": a value equal to a boundary counts in that boundary's bucket.
        // BinarySearch returns the boundary's index on a hit, else the complement of the next larger boundary.
        var index = Array.BinarySearch(boundaries, value);
        Interlocked.Increment(ref _buckets[index >= 0 ? index : ~index]);
        AtomicDouble.Add(ref _sum, value);
    }

    /// <summary>Copies the per-bucket counts (not cumulative) into <paramref name="counts"/>.</summary>
    public void CopyBuckets(Span<long> counts)
    {
        for (var i = 0; i < _buckets.Length; i++)
        {
            counts[i] = Volatile.Read(ref _buckets[i]);
        }
    }
}
