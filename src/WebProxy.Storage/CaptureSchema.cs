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

    public static string ConnectionString(string databasePath, SqliteOpenMode mode) => SqliteFiles.ConnectionString(databasePath, mode);

    /// <summary>
    /// Opens a connection with <c>synchronous=FULL</c>: a deletion (retention, erasure) is on disk before it is
    /// reported, and writes come in batches, so the cost is one sync per batch.
    /// </summary>
    public static SqliteConnection Open(string connectionString) => SqliteFiles.Open(connectionString, "FULL");

    /// <summary>Switches the file to WAL and creates what is missing; see <see cref="SqliteFiles.Ensure"/>.</summary>
    public static void Ensure(SqliteConnection connection) => SqliteFiles.Ensure(connection, "investigations database", Version, CreateSql);
}
