using System.Text.Json;

namespace WebProxy.ConnectLoad;

/// <summary>The merged outcome of a run, written as one JSON line.</summary>
internal sealed class LoadResult
{
    private LoadResult(LoadTarget target, long[] sortedLatencies, long bodyBytes, int[] failures, int warmupFailures, TimeSpan measured, long frequency, FailureLog failureLog, bool stoppedCleanly)
    {
        Target = target;
        SortedLatencies = sortedLatencies;
        BodyBytes = bodyBytes;
        Failures = failures;
        WarmupFailures = warmupFailures;
        Measured = measured;
        Frequency = frequency;
        FailureLog = failureLog;
        StoppedCleanly = stoppedCleanly;
    }

    public LoadTarget Target { get; }

    public long[] SortedLatencies { get; }

    public long BodyBytes { get; }

    public int[] Failures { get; }

    public int WarmupFailures { get; }

    public TimeSpan Measured { get; }

    public long Frequency { get; }

    public FailureLog FailureLog { get; }

    public bool StoppedCleanly { get; }

    public long Requests => SortedLatencies.Length;

    public int FailureCount => Failures.Sum();

    public static LoadResult Merge(LoadTarget target, IReadOnlyList<WorkerStats> stats, TimeSpan measured, long frequency, FailureLog failureLog, bool stoppedCleanly)
    {
        var latencies = stats.SelectMany(s => s.Latencies).ToArray();
        Array.Sort(latencies);
        var failures = new int[Enum.GetValues<FailureKind>().Length];
        foreach (var s in stats)
        {
            for (var i = 0; i < failures.Length; i++)
            {
                failures[i] += s.Failures[i];
            }
        }

        return new LoadResult(
            target, latencies, stats.Sum(s => s.BodyBytes), failures, stats.Sum(s => s.WarmupFailures), measured, frequency, failureLog, stoppedCleanly);
    }

    public void WriteJson(Stream output)
    {
        var options = Target.Options;
        var seconds = Math.Max(Measured.TotalSeconds, 1e-9);
        using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        json.WriteString("tool", "connectload");
        json.WriteString("mode", options.Mode == LoadMode.KeepAlive ? "keepalive" : "newconn");
        json.WriteString("via", Target.ViaProxy ? $"{options.ProxyHost}:{options.ProxyPort}" : "direct");
        json.WriteString("target", options.Authority);
        json.WriteNumber("connections", options.Connections);
        json.WriteNumber("duration_s", Math.Round(Measured.TotalSeconds, 3));
        json.WriteNumber("requests", Requests);
        json.WriteNumber("rps", Math.Round(Requests / seconds, 1));
        json.WriteNumber("body_bytes", BodyBytes);
        json.WriteNumber("p50_ms", Percentile(50));
        json.WriteNumber("p90_ms", Percentile(90));
        json.WriteNumber("p99_ms", Percentile(99));
        json.WriteNumber("max_ms", Percentile(100));
        json.WriteNumber("mean_ms", Requests == 0 ? 0 : Math.Round(SortedLatencies.Average() * 1000.0 / Frequency, 3));
        json.WriteNumber("errors", FailureCount);
        json.WriteNumber("errors_warmup", WarmupFailures);
        json.WriteStartObject("error_kinds");
        foreach (var kind in Enum.GetValues<FailureKind>())
        {
            if (Failures[(int)kind] > 0)
            {
                json.WriteNumber(kind.ToString(), Failures[(int)kind]);
            }
        }

        json.WriteEndObject();
        json.WriteBoolean("stopped_cleanly", StoppedCleanly);
        json.WriteEndObject();
    }

    /// <summary>Nearest-rank percentile in milliseconds; 100 is the maximum.</summary>
    private double Percentile(double percent)
    {
        if (SortedLatencies.Length == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(percent / 100.0 * SortedLatencies.Length);
        var ticks = SortedLatencies[Math.Clamp(rank - 1, 0, SortedLatencies.Length - 1)];
        return Math.Round(ticks * 1000.0 / Frequency, 3);
    }
}
