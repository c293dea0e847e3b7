namespace WebProxy.Admin.Metrics;

/// <summary>Lock-free arithmetic on a double field (Interlocked has no Add for doubles).</summary>
internal static class AtomicDouble
{
    public static void Add(ref double location, double value)
    {
        var current = Volatile.Read(ref location);
        while (true)
        {
            var observed = Interlocked.CompareExchange(ref location, current + value, current);
            // Compare bits, not values: NaN != NaN would otherwise spin forever once the sum is NaN.
            if (BitConverter.DoubleToInt64Bits(observed) == BitConverter.DoubleToInt64Bits(current))
            {
                return;
            }

            current = observed;
        }
    }
}
