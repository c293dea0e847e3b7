using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace WebProxy.CertificateAuthority;

/// <summary>
/// Leaf certificates per host, minted on first use and kept until a quarter of their validity remains. Bounded:
/// beyond the capacity the least recently used hosts are dropped. Lookups of a cached host take no lock.
/// </summary>
public sealed class LeafCertificateCache : IDisposable
{
    public const string MeterName = "WebProxy.CertificateAuthority";

    /// <summary>
    /// Browsers refuse leaves valid for more than 398 days (CA/Browser Forum baseline, enforced by Apple for
    /// private CAs too); a day below keeps us clear of off-by-one rounding.
    /// </summary>
    private static readonly TimeSpan MaxLeafValidity = TimeSpan.FromDays(397);

    private readonly ConcurrentDictionary<string, LeafCacheEntry> _entries = new(StringComparer.Ordinal);
    private readonly LeafCertificateMinter _minter;
    private readonly OrganisationCertificateAuthority _authority;
    private readonly TimeProvider _timeProvider;
    private readonly CertificateAuthorityMetrics _metrics;
    private readonly int _capacity;
    private readonly int _trimTarget;
    private long _useClock;
    private int _count;
    private int _trimming;
    private volatile bool _disposed;

    public LeafCertificateCache(
        OrganisationCertificateAuthority authority, CertificateAuthorityOptions options, TimeProvider timeProvider, IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.LeafValidity, TimeSpan.Zero, nameof(options.LeafValidity));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.LeafValidity, MaxLeafValidity, nameof(options.LeafValidity));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.LeafCacheCapacity, 1, nameof(options.LeafCacheCapacity));

        _authority = authority;
        _timeProvider = timeProvider;
        _metrics = new CertificateAuthorityMetrics(meterFactory);
        _minter = new LeafCertificateMinter(authority, options.LeafValidity, timeProvider);
        _capacity = options.LeafCacheCapacity;

        // Trim to 90 % so that a full cache sorts its entries once per tenth of its capacity, not on every mint.
        _trimTarget = _capacity - (_capacity / 10);
    }

    /// <summary>Hosts in the cache, minted or in flight; may briefly exceed the capacity until a trim runs.</summary>
    internal int Count => Volatile.Read(ref _count);

    /// <summary>
    /// The certificate context for a host: the leaf plus the CA, ready for <see cref="SslServerAuthenticationOptions"/>.
    /// </summary>
    /// <param name="hostOrAddress">A normalised DNS name (lower-case, punycode) or an IP literal without brackets.</param>
    /// <param name="cancellationToken">Stops this caller's wait for a mint in flight; the mint itself goes on for the others.</param>
    /// <exception cref="CertificateAuthorityException">The CA can no longer sign (it has expired).</exception>
    public ValueTask<SslStreamCertificateContext> GetAsync(string hostOrAddress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hostOrAddress);
        ObjectDisposedException.ThrowIf(_disposed, this);

        while (true)
        {
            if (_entries.TryGetValue(hostOrAddress, out var existing))
            {
                if (!existing.IsStale(_timeProvider.GetUtcNow()))
                {
                    existing.Touch(NextUseStamp());
                    _metrics.Hit();
                    var context = existing.Context;
                    return context is not null
                        ? new ValueTask<SslStreamCertificateContext>(context)
                        : new ValueTask<SslStreamCertificateContext>(existing.Completion.WaitAsync(cancellationToken));
                }

                // Renewal: exactly one caller wins the swap and mints; the others loop and join its entry.
                var renewal = new LeafCacheEntry(NextUseStamp());
                if (_entries.TryUpdate(hostOrAddress, renewal, existing))
                {
                    return Mint(hostOrAddress, renewal);
                }

                continue;
            }

            var created = new LeafCacheEntry(NextUseStamp());
            if (_entries.TryAdd(hostOrAddress, created))
            {
                if (Interlocked.Increment(ref _count) > _capacity)
                {
                    Trim();
                }

                return Mint(hostOrAddress, created);
            }
        }
    }

    /// <summary>
    /// Empties the cache. Leaves are not disposed: a handshake may still be using one, and their native handles
    /// are released by their finalizers once the last reference is gone.
    /// </summary>
    public void Dispose()
    {
        _disposed = true;
        _entries.Clear();
    }

    /// <summary>
    /// Mints inline on the caller's thread: it is about a millisecond of CPU, and the caller would only wait for a
    /// thread-pool hop otherwise. The caller's cancellation is not applied, as other callers may share this mint.
    /// </summary>
    private ValueTask<SslStreamCertificateContext> Mint(string hostOrAddress, LeafCacheEntry entry)
    {
        _metrics.Miss();
        var started = _timeProvider.GetTimestamp();
        SslStreamCertificateContext context;
        DateTimeOffset renewAt;
        try
        {
            var leaf = _minter.Mint(hostOrAddress);
            renewAt = RenewalTime(leaf);

            // offline: the CA is given, so nothing is fetched over the network. A configured intermediate CA is
            // sent with the leaf; a self-signed root is left out by .NET, which RFC 8446 §4.4.2 allows, as a
            // client that trusts it holds it already.
            context = SslStreamCertificateContext.Create(leaf, [_authority.PublicCertificate], offline: true);
        }
        catch (Exception ex)
        {
            // A failed mint is not cached: the waiters see the failure, the next lookup tries again.
            Remove(hostOrAddress, entry);
            entry.Fail(ex);
            return new ValueTask<SslStreamCertificateContext>(entry.Completion);
        }

        _metrics.Minted(_timeProvider.GetElapsedTime(started));
        entry.Complete(context, renewAt);
        return new ValueTask<SslStreamCertificateContext>(context);
    }

    /// <summary>Renew when less than a quarter of the validity is left, so clients never see an expiring leaf.</summary>
    private static DateTimeOffset RenewalTime(X509Certificate2 leaf)
    {
        var notBefore = CertificateTimes.NotBefore(leaf);
        var notAfter = CertificateTimes.NotAfter(leaf);
        return notAfter - ((notAfter - notBefore) / 4);
    }

    /// <summary>
    /// Approximate LRU: one thread at a time snapshots the entries, sorts them by last use
    /// and drops the oldest down to 90 % of capacity. Lookups carry on meanwhile; a host dropped while in use is
    /// simply minted again on its next lookup.
    /// </summary>
    private void Trim()
    {
        if (Interlocked.Exchange(ref _trimming, 1) == 1)
        {
            return;
        }

        try
        {
            // Enumerating takes no lock (ToArray and Count would take all of them). The use stamps are copied, as
            // lookups keep touching entries and a sort over changing keys can fail.
            var snapshot = new List<(long LastUsed, string Host, LeafCacheEntry Entry)>();
            foreach (var pair in _entries)
            {
                snapshot.Add((pair.Value.LastUsed, pair.Key, pair.Value));
            }

            var excess = snapshot.Count - _trimTarget;
            if (excess <= 0)
            {
                return;
            }

            snapshot.Sort(static (a, b) => a.LastUsed.CompareTo(b.LastUsed));
            for (var i = 0; i < excess; i++)
            {
                Remove(snapshot[i].Host, snapshot[i].Entry);
            }
        }
        finally
        {
            Volatile.Write(ref _trimming, 0);
        }
    }

    /// <summary>Removes the entry only if it is still the one cached for the host, not a renewal that replaced it.</summary>
    private void Remove(string hostOrAddress, LeafCacheEntry entry)
    {
        if (_entries.TryRemove(new KeyValuePair<string, LeafCacheEntry>(hostOrAddress, entry)))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    private long NextUseStamp() => Interlocked.Increment(ref _useClock);
}
