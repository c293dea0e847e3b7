using System.Globalization;
using Microsoft.Data.Sqlite;

namespace WebProxy.Storage;

/// <summary>
/// What the rows of the governance database's tables (exemptions, investigations, rights requests, captures) share:
/// how an id is written and how a timestamp column is read back. Each caller passes its own exception factory, so the
/// message names its own kind of row.
/// </summary>
internal static class GovernanceRows
{
    /// <summary>An id as the governance database stores it.</summary>
    public static string FormatId(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);

    /// <summary>
    /// The timestamp in column <paramref name="ordinal"/>; throws <paramref name="unreadable"/>(<paramref name="id"/>,
    /// <paramref name="column"/>) when it is NULL or not a timestamp.
    /// </summary>
    public static DateTimeOffset Time(
        SqliteDataReader reader, int ordinal, string id, string column, Func<string, string, Exception> unreadable) =>
        reader.IsDBNull(ordinal) ? throw unreadable(id, column) : Parse(reader, ordinal, id, column, unreadable);

    /// <summary>
    /// The timestamp in column <paramref name="ordinal"/>, or null when it is NULL; throws
    /// <paramref name="unreadable"/>(<paramref name="id"/>, <paramref name="column"/>) when it is not a timestamp.
    /// </summary>
    public static DateTimeOffset? OptionalTime(
        SqliteDataReader reader, int ordinal, string id, string column, Func<string, string, Exception> unreadable) =>
        reader.IsDBNull(ordinal) ? null : Parse(reader, ordinal, id, column, unreadable);

    private static DateTimeOffset Parse(
        SqliteDataReader reader, int ordinal, string id, string column, Func<string, string, Exception> unreadable) =>
        GovernanceHash.TryParseTimestamp(reader.GetString(ordinal), out var at) ? at : throw unreadable(id, column);
}
