using System.Globalization;
using Microsoft.Data.Sqlite;

namespace WebProxy.Storage.Statistics;

/// <summary>
/// The tables of <c>statistics.db</c> and the connection settings every connection to it uses. The columns are the
/// whole of what the statistics keep (article 6.1a: time, volume, size): an hour or a day, a site, a rule, a decision,
/// counts, and a sketch of keyed client hashes whose key no longer exists. There is no column a user name, an
/// address, a URL or a path could go into.
/// </summary>
internal static class StatisticsSchema
{
    public const int Version = 1;

    // hour: the start of a UTC hour in Unix seconds. day: a local date, YYYY-MM-DD (text order is date order).
    // rule: the rule's name, '' when none applied. WITHOUT ROWID: the key is the row, and the tables are mostly keys.
    private const string CreateSql = """
        CREATE TABLE IF NOT EXISTS site_hour (
            hour            INTEGER NOT NULL,
            site            TEXT NOT NULL CHECK (site <> ''),
            rule            TEXT NOT NULL,
            requests        INTEGER NOT NULL CHECK (requests >= 0),
            bytes_to_client INTEGER NOT NULL CHECK (bytes_to_client >= 0),
            bytes_to_origin INTEGER NOT NULL CHECK (bytes_to_origin >= 0),
            blocked         INTEGER NOT NULL CHECK (blocked >= 0),
            PRIMARY KEY (hour, site, rule)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS rule_hour (
            hour     INTEGER NOT NULL,
            rule     TEXT NOT NULL,
            decision TEXT NOT NULL CHECK (decision <> ''),
            requests INTEGER NOT NULL CHECK (requests >= 0),
            PRIMARY KEY (hour, rule, decision)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS site_day (
            day    TEXT NOT NULL,
            site   TEXT NOT NULL CHECK (site <> ''),
            sketch BLOB NOT NULL,
            PRIMARY KEY (day, site)) WITHOUT ROWID;
        """;

    public static string ConnectionString(string databasePath, SqliteOpenMode mode) => SqliteFiles.ConnectionString(databasePath, mode);

    /// <summary>
    /// Opens a connection. <c>synchronous=NORMAL</c>: in WAL mode a commit survives a crash of the process, and a
    /// power cut can lose only the last commits, which the design accepts for counters (a crash loses at most the
    /// last flush interval) in exchange for no fsync per flush.
    /// </summary>
    public static SqliteConnection Open(string connectionString) => SqliteFiles.Open(connectionString, "NORMAL");

    /// <summary>Switches the file to WAL and creates what is missing; see <see cref="SqliteFiles.Ensure"/>.</summary>
    public static void Ensure(SqliteConnection connection) => SqliteFiles.Ensure(connection, "statistics database", Version, CreateSql);

    /// <summary>The stored form of an hour: Unix seconds of its start.</summary>
    public static long Hour(DateTimeOffset hour) => hour.ToUnixTimeSeconds();

    /// <summary>The stored form of a day.</summary>
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly ReadDay(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new InvalidDataException($"The statistics database holds a day '{text}' that is not a date.");
}
