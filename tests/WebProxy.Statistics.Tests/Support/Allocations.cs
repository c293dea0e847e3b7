namespace WebProxy.Statistics.Tests.Support;

internal static class Allocations
{
    /// <summary>
    /// Bytes allocated per call of <paramref name="action"/> once the JIT has optimised it. Unoptimised (tier-0)
    /// code can allocate where the optimised code does not, and tiering up happens in the background after a
    /// delay, so this measures batches until one allocates nothing, for at most about two seconds.
    /// </summary>
    public static long SteadyState(Action action)
    {
        long perCall = 0;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 100; i++)
            {
                action();
            }

            perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / 100;
            if (perCall == 0)
            {
                return 0;
            }

            Thread.Sleep(20);
        }

        return perCall;
    }
}
