using System.Collections.Concurrent;
using WebProxy.Statistics.ClientKeys;
using WebProxy.Statistics.Sites;

namespace WebProxy.Statistics.Counting;

/// <summary>
/// The in-memory side of the identity-free statistics (issue 5; articles 6.1a and 6.2): counters per site, hour and
/// rule, per rule, decision and hour, and per site and local day a HyperLogLog of keyed client hashes. Recording
/// is a few dictionary reads and interlocked adds on the request path; <see cref="TakeBatch"/> hands everything
/// counted so far to the flusher, which writes it in one transaction.
/// </summary>
/// <remarks>
/// Nothing here holds a client identity: the caller passes the person's id or the address only to
/// <see cref="CountVisitor"/>, which turns it into an HMAC under the day's key (scoped to the site, see
/// <see cref="DailyClientHasher"/>) and adds that to the sketch.
/// </remarks>
public sealed class StatisticsRecorder : IDisposable
{
    private const int MaxCachedHosts = 50_000;

    private readonly DailyClientHasher _hasher;
    private readonly TimeProvider _timeProvider;
    private readonly TimeZoneInfo _timeZone;
    private readonly ConcurrentDictionary<string, string> _siteOfHost = new(StringComparer.Ordinal);
    private volatile PublicSuffixList _suffixes;
    private volatile Tally _current = new();
    private volatile DayWindow _day = new(default, 0);

    public StatisticsRecorder(PublicSuffixList suffixes, TimeProvider timeProvider, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(suffixes);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(timeZone);
        _suffixes = suffixes;
        _timeProvider = timeProvider;
        _timeZone = timeZone;
        _hasher = new DailyClientHasher(timeProvider, timeZone);
    }

    /// <summary>The suffix list sites are computed with; replaced when the list is refreshed.</summary>
    public PublicSuffixList Suffixes
    {
        get => _suffixes;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            _suffixes = value;
            _siteOfHost.Clear();
        }
    }

    /// <summary>
    /// The site of a host: its registrable domain (eTLD+1), the address for an IP literal, or the host itself when it
    /// has none (a public suffix, a single label). Cached per host.
    /// </summary>
    public string SiteOf(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (_siteOfHost.TryGetValue(host, out var site))
        {
            return site;
        }

        site = _suffixes.RegistrableDomain(host) ?? host.TrimEnd('.').ToLowerInvariant();
        if (_siteOfHost.Count >= MaxCachedHosts)
        {
            _siteOfHost.Clear();
        }

        _siteOfHost.TryAdd(host, site);
        return site;
    }

    /// <summary>Counts one request to <paramref name="site"/> (from <see cref="SiteOf"/>).</summary>
    /// <param name="decision"><c>allowed</c>, <c>blocked</c> or <c>exempted</c>.</param>
    /// <param name="rule">The rule involved, or null.</param>
    public void Count(string site, long bytesToClient, long bytesToOrigin, string decision, string? rule)
    {
        var now = _timeProvider.GetUtcNow();
        var hour = now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerHour);
        var tally = Enter();
        try
        {
            var counter = tally.Sites.GetOrAdd(new SiteHourKey(hour, site, rule ?? string.Empty), static _ => new SiteCounter());
            counter.Add(bytesToClient, bytesToOrigin, decision == Decisions.Blocked);
            tally.Rules.GetOrAdd(new RuleHourKey(hour, rule ?? string.Empty, decision), static _ => new RuleCounter()).Add();
        }
        finally
        {
            Exit(tally);
        }
    }

    /// <summary>
    /// Adds a client to the site's distinct-visitor sketch of today, as a keyed hash scoped to the site.
    /// </summary>
    /// <param name="clientId">The person's id, or the client's address as text. Not kept.</param>
    /// <returns>The end of the local day (UTC ticks) the count stands for, so a caller may skip repeats until then.</returns>
    public long CountVisitor(string site, ReadOnlySpan<char> clientId)
    {
        var hash = _hasher.Hash(site, clientId, out var day);
        var tally = Enter();
        try
        {
            var sketch = tally.Sketches.GetOrAdd(new SiteDayKey(day, site), static _ => new SketchCell());
            sketch.Add(hash);
        }
        finally
        {
            Exit(tally);
        }

        return DayEndTicks(day);
    }

    /// <summary>
    /// Everything counted since the last call, and a fresh start. Waits for recordings in flight on the old counters
    /// (they last microseconds), so nothing counted is lost between batches.
    /// </summary>
    public StatisticsBatch TakeBatch()
    {
        var old = Interlocked.Exchange(ref _current, new Tally());
        var spinner = default(SpinWait);
        while (Volatile.Read(ref old.Writers) != 0)
        {
            spinner.SpinOnce();
        }

        return old.ToBatch();
    }

    public void Dispose() => _hasher.Dispose();

    private Tally Enter()
    {
        while (true)
        {
            var tally = _current;
            Interlocked.Increment(ref tally.Writers);
            if (ReferenceEquals(tally, _current))
            {
                return tally;
            }

            // Swapped between the read and the increment: count in the new one instead.
            Interlocked.Decrement(ref tally.Writers);
        }
    }

    private static void Exit(Tally tally) => Interlocked.Decrement(ref tally.Writers);

    private long DayEndTicks(DateOnly day)
    {
        var window = _day;
        if (window.Day == day)
        {
            return window.EndTicks;
        }

        var nextMidnight = day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        var end = TimeZoneInfo.ConvertTimeToUtc(_timeZone.IsInvalidTime(nextMidnight) ? nextMidnight.AddHours(1) : nextMidnight, _timeZone);
        _day = new DayWindow(day, end.Ticks);
        return end.Ticks;
    }

    private sealed record DayWindow(DateOnly Day, long EndTicks);

    private readonly record struct SiteHourKey(long HourTicks, string Site, string Rule);

    private readonly record struct RuleHourKey(long HourTicks, string Rule, string Decision);

    private readonly record struct SiteDayKey(DateOnly Day, string Site);

    private sealed class Tally
    {
        public int Writers;

        public ConcurrentDictionary<SiteHourKey, SiteCounter> Sites { get; } = new();

        public ConcurrentDictionary<RuleHourKey, RuleCounter> Rules { get; } = new();

        public ConcurrentDictionary<SiteDayKey, SketchCell> Sketches { get; } = new();

        public StatisticsBatch ToBatch() => new(
            [.. Sites.Select(s => s.Value.ToCounts(Hour(s.Key.HourTicks), s.Key.Site, s.Key.Rule))],
            [.. Rules.Select(r => new RuleHourCounts(Hour(r.Key.HourTicks), r.Key.Rule, r.Key.Decision, r.Value.Requests))],
            [.. Sketches.Select(s => new SiteDaySketch(s.Key.Day, s.Key.Site, s.Value.ToBytes()))]);

        private static DateTimeOffset Hour(long ticks) => new(ticks, TimeSpan.Zero);
    }
}
