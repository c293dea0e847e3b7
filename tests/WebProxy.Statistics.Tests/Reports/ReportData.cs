using WebProxy.Statistics.Counting;
using WebProxy.Statistics.Reports;
using WebProxy.Statistics.Sketches;
using WebProxy.Statistics.Tests.Support;

namespace WebProxy.Statistics.Tests.Reports;

/// <summary>What storage would hand the report builder: site totals, and per site and day a sketch of N clients.</summary>
internal static class ReportData
{
    public static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    private static ulong _seed = 1000;

    /// <summary>The week of 24 to 30 March 2025, asked for well after it ended.</summary>
    public static ReportPeriod Week { get; } =
        ReportPeriod.Containing(ReportPeriodKind.Week, new DateOnly(2025, 3, 26), Amsterdam, new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero));

    public static SiteTotals Site(string site, long requests, long bytesToClient = 0, long bytesToOrigin = 0, long blocked = 0) =>
        new(site, requests, bytesToClient, bytesToOrigin, blocked);

    /// <summary>A sketch of <paramref name="clients"/> distinct clients on <paramref name="day"/>, unrelated to any other day's.</summary>
    public static SiteDaySketch Seen(string site, int clients, DateOnly? day = null)
    {
        var sketch = new HyperLogLog();
        foreach (var hash in new SplitMix64(Interlocked.Increment(ref _seed)).Take(clients))
        {
            sketch.Add(hash);
        }

        return new SiteDaySketch(day ?? Week.FirstDay, site, sketch.ToBytes());
    }
}
