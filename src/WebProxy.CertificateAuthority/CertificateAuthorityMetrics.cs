using System.Diagnostics.Metrics;

namespace WebProxy.CertificateAuthority;

/// <summary>Instruments of the leaf cache. No tag carries a host: series stay few and hosts stay private.</summary>
internal sealed class CertificateAuthorityMetrics
{
    /// <summary>Key generation plus signing is about a millisecond with P-256; the tail shows CPU starvation.</summary>
    private static readonly double[] MintBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

    private readonly Counter<long> _hits;
    private readonly Counter<long> _misses;
    private readonly Histogram<double> _mintDuration;

    public CertificateAuthorityMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(LeafCertificateCache.MeterName);
        _hits = meter.CreateCounter<long>("webproxy.tls.leaf_cache.hits", "{lookup}",
            "Leaf certificate lookups answered from the cache, including those that joined a mint already in flight.");
        _misses = meter.CreateCounter<long>("webproxy.tls.leaf_cache.misses", "{lookup}",
            "Leaf certificate lookups that minted a certificate (new host, renewal, or after eviction).");
        _mintDuration = meter.CreateHistogram("webproxy.tls.leaf_mint.duration", "s",
            "Time to generate a leaf key and sign its certificate.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = MintBuckets });
    }

    public void Hit() => _hits.Add(1);

    public void Miss() => _misses.Add(1);

    public void Minted(TimeSpan duration) => _mintDuration.Record(duration.TotalSeconds);
}
