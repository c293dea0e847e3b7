namespace WebProxy.Admin.Metrics;

/// <summary>
/// Finds the series of one instrument for a measurement's tags. This is on the proxy's hot path (every
/// measurement of every request), so the common case is a lock-free scan of a small immutable array of tag sets
/// already seen, compared in the order the caller passes them: no allocation, no lock, no string formatting.
/// Only a tag set seen for the first time (in that order) takes the lock, renders its labels and, if the labels
/// are new, creates the series.
/// </summary>
internal sealed class SeriesIndex<TSeries>
    where TSeries : class
{
    /// <summary>
    /// Cardinality guard. Tags are small fixed vocabularies by design, so this is only reached by a bug, for example
    /// a host name slipped into a tag; past it, measurements land in one overflow series instead of growing memory.
    /// </summary>
    private const int MaxSeries = 2000;

    /// <summary>Tag orders remembered for the fast path; beyond this the slow path still answers correctly.</summary>
    private const int MaxFastPathEntries = 256;

    /// <summary>The label OpenTelemetry SDKs use for the same overflow series.</summary>
    private const string OverflowLabels = "otel_metric_overflow=\"true\"";

    private readonly Func<TSeries> _create;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, TSeries> _byLabels = new(StringComparer.Ordinal);
    private (KeyValuePair<string, object?>[] Tags, TSeries Series)[] _fastPath = [];

    public SeriesIndex(Func<TSeries> create)
    {
        _create = create;
    }

    public TSeries Get(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var fastPath = Volatile.Read(ref _fastPath);
        foreach (var (knownTags, series) in fastPath)
        {
            if (SameTags(knownTags, tags))
            {
                return series;
            }
        }

        return GetSlow(tags);
    }

    /// <summary>Every series with its labels, sorted by labels so the output is stable from scrape to scrape.</summary>
    public KeyValuePair<string, TSeries>[] Snapshot()
    {
        KeyValuePair<string, TSeries>[] snapshot;
        lock (_lock)
        {
            snapshot = [.. _byLabels];
        }

        Array.Sort(snapshot, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return snapshot;
    }

    private TSeries GetSlow(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = PrometheusText.FormatLabels(tags);
        lock (_lock)
        {
            if (!_byLabels.TryGetValue(labels, out var series))
            {
                if (_byLabels.Count >= MaxSeries)
                {
                    labels = OverflowLabels;
                }

                if (!_byLabels.TryGetValue(labels, out series))
                {
                    series = _create();
                    _byLabels.Add(labels, series);
                }
            }

            // Copy-on-write, so readers on the fast path never see a half-built array.
            if (_fastPath.Length < MaxFastPathEntries)
            {
                Volatile.Write(ref _fastPath, [.. _fastPath, (tags.ToArray(), series)]);
            }

            return series;
        }
    }

    private static bool SameTags(KeyValuePair<string, object?>[] known, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (known.Length != tags.Length)
        {
            return false;
        }

        for (var i = 0; i < known.Length; i++)
        {
            // Keys are usually the same interned literal, so the reference check decides it; values are compared
            // with Equals because a boxed int is a new object on every call.
            if (!ReferenceEquals(known[i].Key, tags[i].Key) && !string.Equals(known[i].Key, tags[i].Key, StringComparison.Ordinal))
            {
                return false;
            }

            if (!Equals(known[i].Value, tags[i].Value))
            {
                return false;
            }
        }

        return true;
    }
}
