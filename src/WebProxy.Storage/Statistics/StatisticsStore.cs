using Microsoft.Data.Sqlite;
using WebProxy.Statistics.Counting;
using WebProxy.Statistics.Reports;

namespace WebProxy.Storage.Statistics;

/// <summary>
/// The identity-free statistics of issue 5 in <c>&lt;data&gt;/statistics.db</c>: per site and hour the requests,
/// bytes each way and blocks; per rule, decision and hour the requests; per site and local day a HyperLogLog sketch
/// of keyed client hashes. Article 6.1a limits usage insight to traffic data (time, volume, size) and article 6.2
/// asks for totals that cannot be traced to persons; the schema (<see cref="StatisticsSchema"/>) has no column for
/// anything else, so the file holds no personal data by construction.
/// </summary>
/// <remarks>
/// <para>A database of its own, apart from <c>governance.db</c>: aggregates have their own retention (400 days by
/// default, set by the host; <see cref="DeleteBefore"/>) where personal data has at most six months (article 7.1), and
/// the counters' frequent writes stay out of the evidentiary log's file.</para>
/// <para>One writer: <see cref="Write"/> goes through one connection, one batch at a time, each batch in one
/// transaction, so a report sees a flush whole or not at all and a failing batch leaves nothing behind. Readers open
/// their own read-only connections; in WAL mode they neither wait for the writer nor hold it up.</para>
/// </remarks>
public sealed class StatisticsStore : IDisposable
{
    /// <summary>The database's file name in the data folder.</summary>
    public const string FileName = "statistics.db";

    private readonly Lock _writeLock = new();
    private readonly SqliteConnection _writer;
    private bool _disposed;

    /// <param name="dataDirectory">The proxy's data folder; created when missing.</param>
    public StatisticsStore(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        var directory = Directory.CreateDirectory(Path.GetFullPath(dataDirectory)).FullName;
        DatabasePath = Path.Combine(directory, FileName);
        _writer = StatisticsSchema.Open(StatisticsSchema.ConnectionString(DatabasePath, SqliteOpenMode.ReadWriteCreate));
        try
        {
            StatisticsSchema.Ensure(_writer);
        }
        catch
        {
            _writer.Dispose();
            throw;
        }
    }

    /// <summary>The database file.</summary>
    public string DatabasePath { get; }

    /// <summary>
    /// Adds <paramref name="batch"/> to what is stored, in one transaction: counts are added to the rows of the same
    /// hour, site and rule (or hour, rule and decision), and each sketch is merged register by register with the
    /// stored sketch of the same day and site, so the stored sketch is the sketch of every client seen that day.
    /// </summary>
    /// <exception cref="ArgumentException">A row is not valid (an hour that is not the start of a UTC hour, an empty
    /// site, a negative count); nothing of the batch is written.</exception>
    /// <exception cref="InvalidDataException">A sketch (the batch's or the stored one) cannot be read; nothing of the
    /// batch is written.</exception>
    public void Write(StatisticsBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.IsEmpty)
        {
            return;
        }

        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var transaction = _writer.BeginTransaction();
            StatisticsWrites.AddSites(_writer, transaction, batch.Sites);
            StatisticsWrites.AddRules(_writer, transaction, batch.Rules);
            StatisticsWrites.MergeSketches(_writer, transaction, batch.Sketches);
            transaction.Commit();
        }
    }

    /// <summary>
    /// Per site, the counts of the hours that begin in [<paramref name="from"/>, <paramref name="to"/>), under
    /// <paramref name="rule"/> only when given (empty means the traffic no rule applied to). Unordered.
    /// </summary>
    public IReadOnlyList<SiteTotals> SiteTotals(DateTimeOffset from, DateTimeOffset to, string? rule = null)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT site, SUM(requests), SUM(bytes_to_client), SUM(bytes_to_origin), SUM(blocked)
            FROM site_hour
            WHERE hour >= $from AND hour < $to AND ($rule IS NULL OR rule = $rule)
            GROUP BY site;
            """;
        command.Parameters.AddWithValue("$from", StatisticsSchema.Hour(from));
        command.Parameters.AddWithValue("$to", StatisticsSchema.Hour(to));
        command.Parameters.AddWithValue("$rule", (object?)rule ?? DBNull.Value);
        using var reader = command.ExecuteReader();
        var totals = new List<SiteTotals>();
        while (reader.Read())
        {
            totals.Add(new SiteTotals(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4)));
        }

        return totals;
    }

    /// <summary>Every site's sketch of every local day from <paramref name="firstDay"/> to <paramref name="lastDay"/>, both included.</summary>
    public IReadOnlyList<SiteDaySketch> SiteDaySketches(DateOnly firstDay, DateOnly lastDay)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT day, site, sketch FROM site_day WHERE day >= $first AND day <= $last ORDER BY day, site;";
        command.Parameters.AddWithValue("$first", StatisticsSchema.Day(firstDay));
        command.Parameters.AddWithValue("$last", StatisticsSchema.Day(lastDay));
        using var reader = command.ExecuteReader();
        var sketches = new List<SiteDaySketch>();
        while (reader.Read())
        {
            sketches.Add(new SiteDaySketch(StatisticsSchema.ReadDay(reader.GetString(0)), reader.GetString(1), (byte[])reader.GetValue(2)));
        }

        return sketches;
    }

    /// <summary>Requests per rule and decision in the hours that begin in [<paramref name="from"/>, <paramref name="to"/>). Unordered.</summary>
    public IReadOnlyList<RuleDecisionTotals> RuleTotals(DateTimeOffset from, DateTimeOffset to)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT rule, decision, SUM(requests) FROM rule_hour
            WHERE hour >= $from AND hour < $to
            GROUP BY rule, decision;
            """;
        command.Parameters.AddWithValue("$from", StatisticsSchema.Hour(from));
        command.Parameters.AddWithValue("$to", StatisticsSchema.Hour(to));
        using var reader = command.ExecuteReader();
        var totals = new List<RuleDecisionTotals>();
        while (reader.Read())
        {
            totals.Add(new RuleDecisionTotals(reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        }

        return totals;
    }

    /// <summary>
    /// Retention: deletes, in one transaction, every row whose whole period ended at or before
    /// <paramref name="cutoff"/>: the hours that ended by then, and the local days (in <paramref name="timeZone"/>,
    /// the zone the recorder's days are in) that ended by then. A row that reaches past the cutoff stays, so nothing
    /// newer than the cutoff is lost.
    /// </summary>
    public StatisticsDeletion DeleteBefore(DateTimeOffset cutoff, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(timeZone);

        // A local day ends when the next begins; it has ended by the cutoff exactly when it is before the cutoff's date.
        var firstKeptDay = LocalDays.DateOf(cutoff, timeZone);
        var lastDeletedHour = StatisticsSchema.Hour(cutoff) - 3600;
        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var transaction = _writer.BeginTransaction();
            var siteHours = Delete(transaction, "DELETE FROM site_hour WHERE hour <= $limit;", lastDeletedHour);
            var ruleHours = Delete(transaction, "DELETE FROM rule_hour WHERE hour <= $limit;", lastDeletedHour);
            var siteDays = Delete(transaction, "DELETE FROM site_day WHERE day < $limit;", StatisticsSchema.Day(firstKeptDay));
            transaction.Commit();
            return new StatisticsDeletion(siteHours, ruleHours, siteDays);
        }
    }

    /// <summary>Closes the writer connection.</summary>
    public void Dispose()
    {
        lock (_writeLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _writer.Dispose();
        }
    }

    private SqliteConnection OpenReader() =>
        StatisticsSchema.Open(StatisticsSchema.ConnectionString(DatabasePath, SqliteOpenMode.ReadOnly));

    private int Delete(SqliteTransaction transaction, string sql, object limit)
    {
        using var command = _writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$limit", limit);
        return command.ExecuteNonQuery();
    }
}
