using WebProxy.CertificateAuthority.Tests.Support;

namespace WebProxy.CertificateAuthority.Tests;

public sealed class LeafCertificateCacheTests : IDisposable
{
    private const string Hits = "webproxy.tls.leaf_cache.hits";
    private const string Misses = "webproxy.tls.leaf_cache.misses";
    private const string MintDuration = "webproxy.tls.leaf_mint.duration";

    private readonly TempDirectory _directory = new();
    private readonly ManualTimeProvider _time = new();
    private readonly TestMeterFactory _meterFactory = new();
    private readonly MetricsRecorder _metrics;
    private readonly OrganisationCertificateAuthority _authority;

    public LeafCertificateCacheTests()
    {
        _metrics = new MetricsRecorder(_meterFactory);
        _authority = TestAuthorities.Generate(_directory, _time);
    }

    public void Dispose()
    {
        _metrics.Dispose();
        _authority.Dispose();
        _meterFactory.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task A_second_lookup_for_a_host_returns_the_cached_context_and_counts_a_hit()
    {
        using var cache = CreateCache();

        var first = await cache.GetAsync("example.org", CancellationToken.None);
        var second = await cache.GetAsync("example.org", CancellationToken.None);

        Assert.Same(first, second);
        Assert.Equal(1, _metrics.Total(Misses));
        Assert.Equal(1, _metrics.Total(Hits));
        Assert.Equal(1, _metrics.Measurements(MintDuration));
        Assert.Equal("{lookup}", _metrics.Unit(Hits));
        Assert.Equal("{lookup}", _metrics.Unit(Misses));
        Assert.Equal("s", _metrics.Unit(MintDuration));
    }

    [Fact]
    public async Task Fifty_concurrent_lookups_for_one_host_mint_a_single_leaf()
    {
        using var cache = CreateCache();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lookups = Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await cache.GetAsync("example.org", CancellationToken.None);
        })).ToArray();

        start.SetResult();
        var contexts = await Task.WhenAll(lookups);

        Assert.All(contexts, context => Assert.Same(contexts[0], context));
        Assert.Equal(1, _metrics.Total(Misses));
        Assert.Equal(49, _metrics.Total(Hits));
    }

    [Fact]
    public async Task Different_hosts_get_different_leaves()
    {
        using var cache = CreateCache();

        var first = await cache.GetAsync("a.example.org", CancellationToken.None);
        var second = await cache.GetAsync("b.example.org", CancellationToken.None);

        Assert.NotSame(first, second);
        Assert.Equal(2, _metrics.Total(Misses));
    }

    [Fact]
    public async Task Beyond_its_capacity_the_cache_drops_the_least_recently_used_host()
    {
        using var cache = CreateCache(new CertificateAuthorityOptions { LeafCacheCapacity = 3 });
        var a = await cache.GetAsync("a.example.org", CancellationToken.None);
        var b = await cache.GetAsync("b.example.org", CancellationToken.None);
        var c = await cache.GetAsync("c.example.org", CancellationToken.None);
        await cache.GetAsync("a.example.org", CancellationToken.None);

        await cache.GetAsync("d.example.org", CancellationToken.None);

        Assert.Same(a, await cache.GetAsync("a.example.org", CancellationToken.None));
        Assert.Same(c, await cache.GetAsync("c.example.org", CancellationToken.None));
        Assert.NotSame(b, await cache.GetAsync("b.example.org", CancellationToken.None));
        Assert.Equal(5, _metrics.Total(Misses));
    }

    [Fact]
    public async Task A_full_cache_keeps_no_more_hosts_than_its_capacity()
    {
        using var cache = CreateCache(new CertificateAuthorityOptions { LeafCacheCapacity = 20 });
        var first = await cache.GetAsync("host0.example.org", CancellationToken.None);

        for (var i = 1; i < 100; i++)
        {
            await cache.GetAsync($"host{i}.example.org", CancellationToken.None);
        }

        Assert.InRange(cache.Count, 1, 20);
        Assert.NotSame(first, await cache.GetAsync("host0.example.org", CancellationToken.None));
        Assert.Equal(101, _metrics.Total(Misses));
    }

    [Fact]
    public async Task A_leaf_is_kept_while_more_than_a_quarter_of_its_validity_is_left()
    {
        using var cache = CreateCache();
        var first = await cache.GetAsync("example.org", CancellationToken.None);

        // Validity is 7 days plus the hour of skew allowance; renewal is due after three quarters of it (~5.3 days).
        _time.Advance(TimeSpan.FromDays(5));

        Assert.Same(first, await cache.GetAsync("example.org", CancellationToken.None));
        Assert.Equal(1, _metrics.Total(Misses));
    }

    [Fact]
    public async Task A_leaf_is_minted_again_once_less_than_a_quarter_of_its_validity_is_left()
    {
        using var cache = CreateCache();
        var first = await cache.GetAsync("example.org", CancellationToken.None);

        _time.Advance(TimeSpan.FromDays(5.5));
        var renewed = await cache.GetAsync("example.org", CancellationToken.None);

        Assert.NotSame(first, renewed);
        Assert.Equal(_time.GetUtcNow().AddDays(7).UtcDateTime, renewed.TargetCertificate.NotAfter.ToUniversalTime());
        Assert.Same(renewed, await cache.GetAsync("example.org", CancellationToken.None));
        Assert.Equal(2, _metrics.Total(Misses));
    }

    [Fact]
    public async Task A_failed_mint_is_not_cached_and_the_next_lookup_mints_again()
    {
        using var cache = CreateCache();
        _time.Advance(TimeSpan.FromDays(3660));

        var error = await Assert.ThrowsAsync<CertificateAuthorityException>(() => cache.GetAsync("example.org", CancellationToken.None).AsTask());
        Assert.Contains("expired", error.Message, StringComparison.Ordinal);

        _time.Set(ManualTimeProvider.DefaultStart);
        var context = await cache.GetAsync("example.org", CancellationToken.None);

        Assert.NotNull(context.TargetCertificate);
        Assert.Equal(2, _metrics.Total(Misses));
        Assert.Equal(1, _metrics.Measurements(MintDuration));
    }

    [Fact]
    public void A_leaf_validity_beyond_what_browsers_accept_is_refused()
    {
        var options = new CertificateAuthorityOptions { LeafValidity = TimeSpan.FromDays(400) };

        Assert.Throws<ArgumentOutOfRangeException>(() => CreateCache(options));
    }

    [Fact]
    public async Task A_disposed_cache_refuses_lookups()
    {
        var cache = CreateCache();
        cache.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => cache.GetAsync("example.org", CancellationToken.None).AsTask());
    }

    private LeafCertificateCache CreateCache(CertificateAuthorityOptions? options = null)
        => new(_authority, options ?? new CertificateAuthorityOptions(), _time, _meterFactory);
}
