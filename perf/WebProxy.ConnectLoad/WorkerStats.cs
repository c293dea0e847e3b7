namespace WebProxy.ConnectLoad;

/// <summary>What one worker counted; owned by that worker alone during the run, merged after it.</summary>
internal sealed class WorkerStats
{
    /// <summary>Latency of every request completed inside the window, in timestamp ticks.</summary>
    public List<long> Latencies { get; } = new(capacity: 4096);

    public long BodyBytes { get; set; }

    /// <summary>Failures inside the window, indexed by <see cref="FailureKind"/>.</summary>
    public int[] Failures { get; } = new int[Enum.GetValues<FailureKind>().Length];

    /// <summary>Failures during the warm-up, which are not part of the result but are reported.</summary>
    public int WarmupFailures { get; set; }
}
