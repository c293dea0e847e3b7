using System.Globalization;
using Microsoft.Data.Sqlite;

namespace WebProxy.Storage;

/// <summary>
/// What the three databases of the data folder (<c>governance.db</c>, <c>investigations.db</c>,
/// <c>statistics.db</c>) share: unpooled connections, the durability each chooses, WAL, and a schema version that
/// only grows. Each schema class names its file, its tables and its durability; this class does the rest once.
/// </summary>
internal static class SqliteFiles
{
    /// <summary>How long a connection waits for another writer (another process) before giving up.</summary>
    private const int BusyTimeoutSeconds = 30;

    public static string ConnectionString(string databasePath, SqliteOpenMode mode) => new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        Mode = mode,
        // No pool: a closed connection releases the file, so a copy, a backup, a restore or a test's temp folder sees it whole.
        Pooling = false,
        DefaultTimeout = BusyTimeoutSeconds,
    }.ToString();

    /// <summary>Opens a connection with <c>PRAGMA synchronous</c> set to <paramref name="synchronous"/> (FULL or NORMAL).</summary>
    public static SqliteConnection Open(string connectionString, string synchronous)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA synchronous = {synchronous};";
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Switches the file to WAL (a persistent setting) and runs <paramref name="createSql"/> (CREATE ... IF NOT EXISTS,
    /// so older versions upgrade) in one transaction; refuses a file written by a newer version.
    /// </summary>
    /// <param name="description">How messages name the database, e.g. <c>governance database</c>.</param>
    public static void Ensure(SqliteConnection connection, string description, int version, string createSql)
    {
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA journal_mode = WAL;";
            var mode = command.ExecuteScalar() as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"The {description} could not be put in WAL mode (it is in '{mode}').");
            }
        }

        using var transaction = connection.BeginTransaction();
        using (var current = connection.CreateCommand())
        {
            current.Transaction = transaction;
            current.CommandText = "PRAGMA user_version;";
            var found = Convert.ToInt64(current.ExecuteScalar(), CultureInfo.InvariantCulture);
            if (found > version)
            {
                throw new InvalidOperationException(
                    $"The {description} has schema version {found}; this version of WebProxy knows up to {version}.");
            }
        }

        using (var create = connection.CreateCommand())
        {
            create.Transaction = transaction;
            create.CommandText = createSql + $"PRAGMA user_version = {version};";
            create.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
