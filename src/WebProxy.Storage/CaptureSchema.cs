using Microsoft.Data.Sqlite;

namespace WebProxy.Storage;

/// <summary>
/// The table of <c>investigations.db</c>: the requests recorded about investigations' subjects. The columns are the
/// whole of what is recorded (article 6.3): a time, a host, a URL only for a content scope, bytes each way, a
/// category and a decision. There is no column a request or response body could go into.
/// </summary>
internal static class CaptureSchema
{
    public const int Version = 1;

    // captured_at: GovernanceHash's fixed-width UTC text, so text order is time order and a cutoff is a comparison.
    private const string CreateSql = """
        CREATE TABLE IF NOT EXISTS captured_requests (
            investigation   TEXT NOT NULL,
            captured_at     TEXT NOT NULL,
            host            TEXT NOT NULL CHECK (host <> ''),
            url             TEXT NULL,
            bytes_to_client INTEGER NOT NULL CHECK (bytes_to_client >= 0),
            bytes_to_origin INTEGER NOT NULL CHECK (bytes_to_origin >= 0),
            category        TEXT NULL,
            decision        TEXT NOT NULL CHECK (decision <> ''));
        CREATE INDEX IF NOT EXISTS captured_requests_investigation ON captured_requests (investigation, captured_at);
        CREATE INDEX IF NOT EXISTS captured_requests_captured_at ON captured_requests (captured_at);
        """;

    public static string ConnectionString(string databasePath, SqliteOpenMode mode) => new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        Mode = mode,
        // No pool: a closed connection releases the file, so a backup, a restore or a test's temp folder sees it whole.
        Pooling = false,
        DefaultTimeout = 30,
    }.ToString();

    /// <summary>
    /// Opens a connection with <c>synchronous=FULL</c>: a deletion (retention, erasure) is on disk before it is
    /// reported, and writes come in batches, so the cost is one sync per batch.
    /// </summary>
    public static SqliteConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous = FULL;";
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Switches the file to WAL (a persistent setting) and creates what is missing.</summary>
    public static void Ensure(SqliteConnection connection)
    {
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA journal_mode = WAL;";
            var mode = command.ExecuteScalar() as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"The investigations database could not be put in WAL mode (it is in '{mode}').");
            }
        }

        using var transaction = connection.BeginTransaction();
        using (var version = connection.CreateCommand())
        {
            version.Transaction = transaction;
            version.CommandText = "PRAGMA user_version;";
            var found = Convert.ToInt64(version.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            if (found > Version)
            {
                throw new InvalidOperationException(
                    $"The investigations database has schema version {found}; this version of WebProxy knows up to {Version}.");
            }
        }

        using (var create = connection.CreateCommand())
        {
            create.Transaction = transaction;
            create.CommandText = CreateSql + $"PRAGMA user_version = {Version};";
            create.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
