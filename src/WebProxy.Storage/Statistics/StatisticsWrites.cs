using Microsoft.Data.Sqlite;
using WebProxy.Statistics.Counting;
using WebProxy.Statistics.Sketches;

namespace WebProxy.Storage.Statistics;

/// <summary>
/// The statements of <see cref="StatisticsStore.Write"/>, each run inside the batch's transaction: counts are added
/// to what the row holds (an upsert), sketches are merged with the stored one. A row that is not valid throws, and
/// the caller's transaction is rolled back with everything written before it.
/// </summary>
internal static class StatisticsWrites
{
    public static void AddSites(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<SiteHourCounts> sites)
    {
        if (sites.Count == 0)
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO site_hour (hour, site, rule, requests, bytes_to_client, bytes_to_origin, blocked)
            VALUES ($hour, $site, $rule, $requests, $bytes_to_client, $bytes_to_origin, $blocked)
            ON CONFLICT (hour, site, rule) DO UPDATE SET
                requests = requests + excluded.requests,
                bytes_to_client = bytes_to_client + excluded.bytes_to_client,
                bytes_to_origin = bytes_to_origin + excluded.bytes_to_origin,
                blocked = blocked + excluded.blocked;
            """;
        var hour = command.Parameters.Add("$hour", SqliteType.Integer);
        var site = command.Parameters.Add("$site", SqliteType.Text);
        var rule = command.Parameters.Add("$rule", SqliteType.Text);
        var requests = command.Parameters.Add("$requests", SqliteType.Integer);
        var toClient = command.Parameters.Add("$bytes_to_client", SqliteType.Integer);
        var toOrigin = command.Parameters.Add("$bytes_to_origin", SqliteType.Integer);
        var blocked = command.Parameters.Add("$blocked", SqliteType.Integer);
        foreach (var row in sites)
        {
            ArgumentNullException.ThrowIfNull(row);
            hour.Value = Hour(row.Hour);
            site.Value = Required(row.Site, "site");
            rule.Value = row.Rule ?? string.Empty;
            requests.Value = Count(row.Requests, "requests");
            toClient.Value = Count(row.BytesToClient, "bytes to the client");
            toOrigin.Value = Count(row.BytesToOrigin, "bytes to the origin");
            blocked.Value = Count(row.Blocked, "blocked requests");
            command.ExecuteNonQuery();
        }
    }

    public static void AddRules(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<RuleHourCounts> rules)
    {
        if (rules.Count == 0)
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO rule_hour (hour, rule, decision, requests) VALUES ($hour, $rule, $decision, $requests)
            ON CONFLICT (hour, rule, decision) DO UPDATE SET requests = requests + excluded.requests;
            """;
        var hour = command.Parameters.Add("$hour", SqliteType.Integer);
        var rule = command.Parameters.Add("$rule", SqliteType.Text);
        var decision = command.Parameters.Add("$decision", SqliteType.Text);
        var requests = command.Parameters.Add("$requests", SqliteType.Integer);
        foreach (var row in rules)
        {
            ArgumentNullException.ThrowIfNull(row);
            hour.Value = Hour(row.Hour);
            rule.Value = row.Rule ?? string.Empty;
            decision.Value = Required(row.Decision, "decision");
            requests.Value = Count(row.Requests, "requests");
            command.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// Merges each sketch with the stored sketch of its day and site (<see cref="HyperLogLog.Merge"/>: the register-wise
    /// maximum, so the result is the sketch of the union) and stores the result in its canonical encoding.
    /// </summary>
    public static void MergeSketches(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<SiteDaySketch> sketches)
    {
        if (sketches.Count == 0)
        {
            return;
        }

        using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = "SELECT sketch FROM site_day WHERE day = $day AND site = $site;";
        var selectDay = select.Parameters.Add("$day", SqliteType.Text);
        var selectSite = select.Parameters.Add("$site", SqliteType.Text);

        using var upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = """
            INSERT INTO site_day (day, site, sketch) VALUES ($day, $site, $sketch)
            ON CONFLICT (day, site) DO UPDATE SET sketch = excluded.sketch;
            """;
        var day = upsert.Parameters.Add("$day", SqliteType.Text);
        var site = upsert.Parameters.Add("$site", SqliteType.Text);
        var sketch = upsert.Parameters.Add("$sketch", SqliteType.Blob);
        foreach (var row in sketches)
        {
            ArgumentNullException.ThrowIfNull(row);
            ArgumentNullException.ThrowIfNull(row.Sketch);
            selectDay.Value = day.Value = StatisticsSchema.Day(row.Day);
            selectSite.Value = site.Value = Required(row.Site, "site");
            var merged = HyperLogLog.FromBytes(row.Sketch);
            if (select.ExecuteScalar() is byte[] stored)
            {
                var union = HyperLogLog.FromBytes(stored);
                union.Merge(merged);
                merged = union;
            }

            sketch.Value = merged.ToBytes();
            upsert.ExecuteNonQuery();
        }
    }

    private static long Hour(DateTimeOffset hour) =>
        hour.UtcTicks % TimeSpan.TicksPerHour == 0
            ? StatisticsSchema.Hour(hour)
            : throw new ArgumentException($"Counts are kept per whole UTC hour; {hour:O} is not the start of one.", nameof(hour));

    private static string Required(string? value, string what) =>
        string.IsNullOrEmpty(value) ? throw new ArgumentException($"A statistics row needs a {what}.", what) : value;

    private static long Count(long value, string what) =>
        value >= 0 ? value : throw new ArgumentException($"A count of {what} cannot be negative ({value}).", what);
}
