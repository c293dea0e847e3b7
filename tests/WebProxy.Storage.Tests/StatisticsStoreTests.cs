using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using WebProxy.Statistics.Counting;
using WebProxy.Statistics.Reports;
using WebProxy.Statistics.Sketches;
using WebProxy.Storage.Statistics;
using WebProxy.Storage.Tests.Support;

namespace WebProxy.Storage.Tests;

/// <summary>
/// The statistics database of issue 5: flushes add up, a day's sketches merge into the sketch of the union, a batch
/// is written whole or not at all, retention deletes only what ended before the cutoff, and the schema has nowhere
/// to put a person (articles 6.1a and 6.2).
/// </summary>
public sealed class StatisticsStoreTests : IDisposable
{
    private static readonly DateTimeOffset Nine = new(2025, 3, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Day = new(2025, 3, 10);
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    private readonly TempFolder _data = new();
    private readonly StatisticsStore _store;

    public StatisticsStoreTests()
    {
        _store = new StatisticsStore(_data.Path);
    }

    public void Dispose()
    {
        _store.Dispose();
        _data.Dispose();
    }

    [Fact]
    public void Counts_of_several_flushes_add_up()
    {
        _store.Write(Batch(
            [new(Nine, "example.nl", "", 10, 1_000, 100, 0), new(Nine, "casino.com", "gambling", 3, 0, 30, 3)],
            [new(Nine, "", "allowed", 10), new(Nine, "gambling", "blocked", 3)]));
        _store.Write(Batch(
            [new(Nine, "example.nl", "", 5, 500, 50, 0), new(Nine.AddHours(1), "example.nl", "", 1, 10, 1, 0)],
            [new(Nine, "", "allowed", 5), new(Nine.AddHours(1), "", "allowed", 1)]));

        var sites = _store.SiteTotals(Nine, Nine.AddHours(2)).ToDictionary(s => s.Site);
        Assert.Equal(new SiteTotals("example.nl", 16, 1_510, 151, 0), sites["example.nl"]);
        Assert.Equal(new SiteTotals("casino.com", 3, 0, 30, 3), sites["casino.com"]);
        Assert.Equal(
            [new RuleDecisionTotals("", "allowed", 16), new RuleDecisionTotals("gambling", "blocked", 3)],
            _store.RuleTotals(Nine, Nine.AddHours(2)).OrderBy(r => r.Rule));
        Assert.Equal(2L, RawSql.Scalar(_store.DatabasePath, "SELECT COUNT(*) FROM site_hour WHERE site = 'example.nl';"));
    }

    [Fact]
    public void Site_totals_cover_the_hours_that_begin_in_the_range_and_can_be_limited_to_one_rule()
    {
        _store.Write(Batch(
        [
            new(Nine.AddHours(-1), "example.nl", "", 100, 0, 0, 0),
            new(Nine, "example.nl", "", 1, 0, 0, 0),
            new(Nine, "example.nl", "chat", 2, 0, 0, 2),
            new(Nine.AddHours(1), "example.nl", "", 4, 0, 0, 0),
            new(Nine.AddHours(2), "example.nl", "", 100, 0, 0, 0),
        ]));

        Assert.Equal(7, Assert.Single(_store.SiteTotals(Nine, Nine.AddHours(2))).Requests);
        Assert.Equal(new SiteTotals("example.nl", 2, 0, 0, 2), Assert.Single(_store.SiteTotals(Nine, Nine.AddHours(2), "chat")));
        Assert.Equal(5, Assert.Single(_store.SiteTotals(Nine, Nine.AddHours(2), "")).Requests);
        Assert.Empty(_store.SiteTotals(Nine, Nine.AddHours(2), "adult"));
    }

    [Fact]
    public void A_days_sketches_merge_into_the_sketch_of_every_client_seen_that_day()
    {
        var clients = Hashes(50);
        _store.Write(Sketches(new SiteDaySketch(Day, "example.nl", Sketch(clients[..30]))));
        _store.Write(Sketches(
            new SiteDaySketch(Day, "example.nl", Sketch(clients[20..])),
            new SiteDaySketch(Day.AddDays(1), "example.nl", Sketch(clients[..5]))));

        var stored = _store.SiteDaySketches(Day, Day).ToDictionary(s => s.Site);
        var union = HyperLogLog.FromBytes(stored["example.nl"].Sketch);
        Assert.Equal(50, Math.Round(union.Estimate()));
        Assert.Equal(Sketch(clients), stored["example.nl"].Sketch);

        Assert.Equal([Day, Day.AddDays(1)], _store.SiteDaySketches(Day, Day.AddDays(1)).Select(s => s.Day));
        Assert.Empty(_store.SiteDaySketches(Day.AddDays(2), Day.AddDays(9)));
    }

    [Fact]
    public void Dense_sketches_merge_as_well()
    {
        var clients = Hashes(20_000);
        _store.Write(Sketches(new SiteDaySketch(Day, "big.nl", Sketch(clients[..12_000]))));
        _store.Write(Sketches(new SiteDaySketch(Day, "big.nl", Sketch(clients[8_000..]))));

        var stored = Assert.Single(_store.SiteDaySketches(Day, Day));
        Assert.Equal(Sketch(clients), stored.Sketch);
        Assert.InRange(HyperLogLog.FromBytes(stored.Sketch).Estimate(), 20_000 * 0.95, 20_000 * 1.05);
    }

    [Fact]
    public void A_batch_with_a_damaged_sketch_leaves_nothing_behind()
    {
        _store.Write(Batch([new(Nine, "example.nl", "", 1, 1, 1, 0)]));
        var damaged = new StatisticsBatch(
            [new(Nine, "example.nl", "", 10, 10, 10, 0), new(Nine, "other.nl", "", 1, 1, 1, 0)],
            [new(Nine, "", "allowed", 11)],
            [new(Day, "example.nl", Sketch(Hashes(3))), new(Day, "other.nl", [1, 2, 3])]);

        Assert.Throws<InvalidDataException>(() => _store.Write(damaged));

        Assert.Equal(new SiteTotals("example.nl", 1, 1, 1, 0), Assert.Single(_store.SiteTotals(Nine, Nine.AddHours(1))));
        Assert.Empty(_store.RuleTotals(Nine, Nine.AddHours(1)));
        Assert.Empty(_store.SiteDaySketches(Day, Day));
    }

    [Fact]
    public void A_batch_with_an_invalid_row_leaves_nothing_behind()
    {
        Assert.Throws<ArgumentException>(() => _store.Write(Batch([new(Nine, "example.nl", "", 1, 1, 1, 0)], [new(Nine, "", "allowed", -1)])));
        Assert.Throws<ArgumentException>(() => _store.Write(Batch([new(Nine, "example.nl", "", 1, 1, 1, 0), new(Nine.AddMinutes(30), "example.nl", "", 1, 1, 1, 0)])));
        Assert.Throws<ArgumentException>(() => _store.Write(Batch([new(Nine, "", "", 1, 1, 1, 0)])));

        Assert.Equal(0L, RawSql.Scalar(_store.DatabasePath, "SELECT (SELECT COUNT(*) FROM site_hour) + (SELECT COUNT(*) FROM rule_hour);"));
    }

    [Fact]
    public void Retention_deletes_only_rows_that_ended_by_the_cutoff()
    {
        // Local midnight of 10 March in Amsterdam (CET, UTC+1) is 23:00 UTC on the 9th.
        var cutoff = new DateTimeOffset(2025, 3, 9, 23, 0, 0, TimeSpan.Zero);
        _store.Write(new StatisticsBatch(
            [Site(cutoff.AddHours(-2)), Site(cutoff.AddHours(-1)), Site(cutoff), Site(cutoff.AddHours(1))],
            [Rule(cutoff.AddHours(-1)), Rule(cutoff)],
            [new(new DateOnly(2025, 3, 8), "example.nl", Sketch(Hashes(2))), new(new DateOnly(2025, 3, 9), "example.nl", Sketch(Hashes(2))),
             new(Day, "example.nl", Sketch(Hashes(2)))]));

        var deleted = _store.DeleteBefore(cutoff, Amsterdam);

        Assert.Equal(new StatisticsDeletion(SiteHours: 2, RuleHours: 1, SiteDays: 2), deleted);
        Assert.Equal(2, Assert.Single(_store.SiteTotals(DateTimeOffset.UnixEpoch, cutoff.AddDays(1))).Requests);
        Assert.Equal(1, Assert.Single(_store.RuleTotals(DateTimeOffset.UnixEpoch, cutoff.AddDays(1))).Requests);
        Assert.Equal(Day, Assert.Single(_store.SiteDaySketches(DateOnly.MinValue, DateOnly.MaxValue)).Day);

        // A cutoff within the day keeps that day's sketch: part of it is newer.
        Assert.Equal(new StatisticsDeletion(1, 1, 0), _store.DeleteBefore(cutoff.AddHours(1.5), Amsterdam));
        Assert.Equal(Day, Assert.Single(_store.SiteDaySketches(DateOnly.MinValue, DateOnly.MaxValue)).Day);
    }

    [Fact]
    public void A_local_day_across_the_spring_change_has_23_hours_and_one_in_autumn_25()
    {
        var spring = ReportPeriod.Containing(ReportPeriodKind.Day, new DateOnly(2025, 3, 30), Amsterdam, DateTimeOffset.MaxValue);
        var autumn = ReportPeriod.Containing(ReportPeriodKind.Day, new DateOnly(2025, 10, 26), Amsterdam, DateTimeOffset.MaxValue);
        var hours = new List<SiteHourCounts>();
        for (var hour = spring.From.AddHours(-3); hour < spring.To.AddHours(3); hour = hour.AddHours(1))
        {
            hours.Add(new SiteHourCounts(hour, "example.nl", "", 1, 0, 0, 0));
        }

        for (var hour = autumn.From.AddHours(-3); hour < autumn.To.AddHours(3); hour = hour.AddHours(1))
        {
            hours.Add(new SiteHourCounts(hour, "example.nl", "", 1, 0, 0, 0));
        }

        _store.Write(Batch(hours));

        Assert.Equal(23, Assert.Single(_store.SiteTotals(spring.From, spring.To)).Requests);
        Assert.Equal(25, Assert.Single(_store.SiteTotals(autumn.From, autumn.To)).Requests);
    }

    [Fact]
    public void The_file_is_its_own_database_in_WAL_mode()
    {
        Assert.Equal(Path.Combine(_data.Path, "statistics.db"), _store.DatabasePath);
        Assert.Equal("wal", RawSql.Scalar(_store.DatabasePath, "PRAGMA journal_mode;"));
        Assert.False(File.Exists(Path.Combine(_data.Path, GovernanceLog.FileName)));
    }

    [Fact]
    public void The_schema_has_no_column_for_a_person_an_address_or_a_url()
    {
        Assert.Equal(["rule_hour", "site_day", "site_hour"], Column("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name;"));
        Assert.Equal(["hour", "site", "rule", "requests", "bytes_to_client", "bytes_to_origin", "blocked"], Column("SELECT name FROM pragma_table_info('site_hour');"));
        Assert.Equal(["hour", "rule", "decision", "requests"], Column("SELECT name FROM pragma_table_info('rule_hour');"));
        Assert.Equal(["day", "site", "sketch"], Column("SELECT name FROM pragma_table_info('site_day');"));
    }

    [Fact]
    public void Reopening_keeps_what_was_written()
    {
        _store.Write(Batch([new(Nine, "example.nl", "", 3, 0, 0, 0)]));
        _store.Dispose();

        using var reopened = new StatisticsStore(_data.Path);
        Assert.Equal(3, Assert.Single(reopened.SiteTotals(Nine, Nine.AddHours(1))).Requests);
        Assert.Throws<ObjectDisposedException>(() => _store.Write(Batch([new(Nine, "example.nl", "", 3, 0, 0, 0)])));
    }

    private static StatisticsBatch Batch(IReadOnlyList<SiteHourCounts> sites, IReadOnlyList<RuleHourCounts>? rules = null) =>
        new(sites, rules ?? [], []);

    private static StatisticsBatch Sketches(params SiteDaySketch[] sketches) => new([], [], sketches);

    private static SiteHourCounts Site(DateTimeOffset hour) => new(hour, "example.nl", "", 1, 0, 0, 0);

    private static RuleHourCounts Rule(DateTimeOffset hour) => new(hour, "", "allowed", 1);

    /// <summary>Stand-ins for keyed client hashes: uniformly random 64-bit values.</summary>
    private static ulong[] Hashes(int count)
    {
        var bytes = RandomNumberGenerator.GetBytes(count * sizeof(ulong));
        return [.. Enumerable.Range(0, count).Select(i => BitConverter.ToUInt64(bytes, i * sizeof(ulong)))];
    }

    private static byte[] Sketch(IEnumerable<ulong> hashes)
    {
        var sketch = new HyperLogLog();
        foreach (var hash in hashes)
        {
            sketch.Add(hash);
        }

        return sketch.ToBytes();
    }

    private List<string> Column(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_store.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
