using Microsoft.Extensions.Time.Testing;
using WebProxy.Statistics.Counting;
using WebProxy.Statistics.Sites;
using WebProxy.Statistics.Sketches;
using WebProxy.Statistics.Tests.Support;

namespace WebProxy.Statistics.Tests.Counting;

/// <summary>
/// The in-memory counters of issue 5: requests and bytes add up per site, hour and rule; hours are split on the
/// clock; a batch taken while requests are being counted loses none of them; visitors are counted as keyed hashes.
/// </summary>
public sealed class StatisticsRecorderTests : IDisposable
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 59, 0, TimeSpan.Zero));
    private readonly StatisticsRecorder _recorder;

    public StatisticsRecorderTests()
    {
        using var reader = new StreamReader(SharedPsl.ListPath);
        _recorder = new StatisticsRecorder(PublicSuffixList.Parse(reader, SharedPsl.ListPath), _clock, Amsterdam);
    }

    public void Dispose() => _recorder.Dispose();

    [Theory]
    [InlineData("www.bbc.co.uk", "bbc.co.uk")]
    [InlineData("mail.rijksoverheid.nl", "rijksoverheid.nl")]
    [InlineData("10.1.2.3", "10.1.2.3")]
    [InlineData("co.uk", "co.uk")]
    public void A_host_is_counted_under_its_registrable_domain(string host, string site) =>
        Assert.Equal(site, _recorder.SiteOf(host));

    [Fact]
    public void Requests_and_bytes_add_up_per_site_hour_and_rule_and_split_at_the_hour()
    {
        _recorder.Count("example.nl", 100, 10, Decisions.Allowed, null);
        _recorder.Count("example.nl", 50, 5, Decisions.Allowed, null);
        _recorder.Count("casino.nl", 0, 0, Decisions.Blocked, "gambling");
        _clock.Advance(TimeSpan.FromMinutes(1));
        _recorder.Count("example.nl", 7, 1, Decisions.Allowed, null);

        var batch = _recorder.TakeBatch();

        var nine = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        Assert.Contains(new SiteHourCounts(nine, "example.nl", "", 2, 150, 15, 0), batch.Sites);
        Assert.Contains(new SiteHourCounts(nine.AddHours(1), "example.nl", "", 1, 7, 1, 0), batch.Sites);
        Assert.Contains(new SiteHourCounts(nine, "casino.nl", "gambling", 1, 0, 0, 1), batch.Sites);
        Assert.Contains(new RuleHourCounts(nine, "gambling", Decisions.Blocked, 1), batch.Rules);
        Assert.Contains(new RuleHourCounts(nine, "", Decisions.Allowed, 2), batch.Rules);
        Assert.True(_recorder.TakeBatch().IsEmpty);
    }

    [Fact]
    public void Batches_taken_while_requests_are_counted_lose_none()
    {
        const int Threads = 4;
        const int PerThread = 50_000;
        var total = 0L;
        using var done = new CountdownEvent(Threads);
        for (var t = 0; t < Threads; t++)
        {
            new Thread(() =>
            {
                for (var i = 0; i < PerThread; i++)
                {
                    _recorder.Count("example.nl", 1, 0, Decisions.Allowed, null);
                }

                done.Signal();
            }).Start();
        }

        while (!done.IsSet)
        {
            total += _recorder.TakeBatch().Sites.Sum(s => s.Requests);
        }

        total += _recorder.TakeBatch().Sites.Sum(s => s.Requests);
        Assert.Equal(Threads * PerThread, total);
    }

    [Fact]
    public void Visitors_are_counted_once_each_per_site_and_day_as_hashes_of_that_days_key()
    {
        foreach (var client in new[] { "10.0.0.1", "10.0.0.2", "r.bakker", "10.0.0.1", "r.bakker" })
        {
            _recorder.CountVisitor("example.nl", client);
        }

        var sketch = Assert.Single(_recorder.TakeBatch().Sketches);
        Assert.Equal((new DateOnly(2026, 3, 2), "example.nl"), (sketch.Day, sketch.Site));
        Assert.Equal(3, Math.Round(HyperLogLog.FromBytes(sketch.Sketch).Estimate()));

        // The next local day has a new key: the same clients are new values, in a sketch of their own.
        _clock.Advance(TimeSpan.FromDays(1));
        _recorder.CountVisitor("example.nl", "10.0.0.1");
        var nextDay = Assert.Single(_recorder.TakeBatch().Sketches);
        Assert.Equal(new DateOnly(2026, 3, 3), nextDay.Day);
        var both = HyperLogLog.FromBytes(sketch.Sketch);
        both.Merge(HyperLogLog.FromBytes(nextDay.Sketch));
        Assert.Equal(4, Math.Round(both.Estimate()));
    }

    [Fact]
    public void A_visitor_count_stands_until_the_end_of_the_local_day()
    {
        var until = _recorder.CountVisitor("example.nl", "10.0.0.1");

        // 2 March 2026 ends at midnight in Amsterdam, 23:00 UTC (winter time).
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 23, 0, 0, TimeSpan.Zero).UtcTicks, until);
    }
}
