using System.Security.Cryptography;
using WebProxy.Statistics.Counting;
using WebProxy.Statistics.Sketches;

namespace WebProxy.Admin.Tests.Statistics;

/// <summary>
/// A week of statistics, 24 to 30 March 2025 (the week clocks go to summer time): fifteen sites, two of them seen by
/// fewer than five clients, one of those the most requested of all. Counts of the hours either side of the week
/// (Sunday 23:00 and Monday 00:00 local time) are stored too and must stay out of the week's report.
/// </summary>
internal static class StatisticsWeek
{
    public const string Query = "period=week&date=2025-03-26";

    /// <summary>The most requested site of the week, seen by four clients: never named.</summary>
    public const string Secret = "rare-hobby.nl";

    /// <summary>Seen by one client: never named.</summary>
    public const string Tiny = "tiny-forum.nl";

    public const string LongName = "gemeentelijke-basisadministratie-persoonsgegevens.nl";

    /// <summary>(site, rule, requests, bytes to client, bytes to origin, blocked, visitors on the busiest day)</summary>
    public static readonly (string Site, string Rule, long Requests, long ToClient, long ToOrigin, long Blocked, int Visitors)[] Sites =
    [
        (Secret, "", 2_400, 3_000_000, 20_000, 0, 4),
        ("gemeente-almere.nl", "", 1_850, 95_000_000, 2_000_000, 0, 41),
        ("overheid.nl", "", 1_320, 40_000_000, 300_000, 0, 35),
        ("wikipedia.org", "", 990, 120_000_000, 90_000, 0, 28),
        ("kadaster.nl", "", 870, 310_000_000, 55_000_000, 0, 22),
        ("nos.nl", "", 640, 80_000_000, 40_000, 0, 14),
        ("microsoft.com", "", 610, 700_000_000, 1_200_000, 0, 19),
        ("rijksoverheid.nl", "", 480, 30_000_000, 20_000, 0, 17),
        ("github.com", "", 350, 150_000_000, 4_000_000, 0, 6),
        ("casino.com", "gambling", 300, 450_000, 0, 300, 12),
        (LongName, "", 260, 9_000_000, 800_000, 0, 8),
        ("knmi.nl", "", 210, 6_000_000, 10_000, 0, 9),
        ("buienradar.nl", "", 190, 12_000_000, 8_000, 0, 7),
        ("192.0.2.10", "", 120, 1_000_000, 1_000, 0, 5),
        (Tiny, "", 15, 200_000, 3_000, 0, 1),
    ];

    /// <summary>The named sites of the week's top ten, in rank order.</summary>
    public static readonly string[] TopTen =
    [
        "gemeente-almere.nl", "overheid.nl", "wikipedia.org", "kadaster.nl", "nos.nl", "microsoft.com", "rijksoverheid.nl",
        "github.com", "casino.com", LongName,
    ];

    private static readonly DateTimeOffset Wednesday = new(2025, 3, 26, 9, 0, 0, TimeSpan.Zero);

    public static long TotalRequests => Sites.Sum(s => s.Requests);

    public static StatisticsBatch Batch()
    {
        var hours = new List<SiteHourCounts>();
        var sketches = new List<SiteDaySketch>();
        foreach (var site in Sites)
        {
            // Split over two hours of Wednesday, so the report has to add the hours up.
            var first = site.Requests / 3;
            hours.Add(new SiteHourCounts(Wednesday, site.Site, site.Rule, first, site.ToClient / 3, site.ToOrigin / 3, site.Blocked / 3));
            hours.Add(new SiteHourCounts(Wednesday.AddHours(1), site.Site, site.Rule, site.Requests - first, site.ToClient - (site.ToClient / 3),
                site.ToOrigin - (site.ToOrigin / 3), site.Blocked - (site.Blocked / 3)));
            sketches.Add(new SiteDaySketch(new DateOnly(2025, 3, 26), site.Site, Sketch(site.Visitors)));
            sketches.Add(new SiteDaySketch(new DateOnly(2025, 3, 27), site.Site, Sketch(Math.Max(1, site.Visitors - 1))));
        }

        // The hours just outside the week in local time: Sunday 23 March 23:00 and Monday 31 March 00:00.
        hours.Add(new SiteHourCounts(new DateTimeOffset(2025, 3, 23, 22, 0, 0, TimeSpan.Zero), "outside.nl", "", 99_999, 0, 0, 0));
        hours.Add(new SiteHourCounts(new DateTimeOffset(2025, 3, 30, 22, 0, 0, TimeSpan.Zero), "outside.nl", "", 99_999, 0, 0, 0));
        sketches.Add(new SiteDaySketch(new DateOnly(2025, 3, 31), "outside.nl", Sketch(50)));

        RuleHourCounts[] rules =
        [
            new(Wednesday, "", "allowed", TotalRequests - 300),
            new(Wednesday, "gambling", "blocked", 300),
            new(Wednesday, "chat", "blocked", 7),
        ];
        return new StatisticsBatch(hours, rules, sketches);
    }

    /// <summary>A day's sketch of <paramref name="clients"/> distinct clients (random stand-ins for keyed hashes).</summary>
    public static byte[] Sketch(int clients)
    {
        var sketch = new HyperLogLog();
        var bytes = RandomNumberGenerator.GetBytes(clients * sizeof(ulong));
        for (var i = 0; i < clients; i++)
        {
            sketch.Add(BitConverter.ToUInt64(bytes, i * sizeof(ulong)));
        }

        return sketch.ToBytes();
    }
}
