using Microsoft.Data.Sqlite;

namespace WebProxy.Storage;

/// <summary>The tables of <c>governance.db</c> and the connection settings every connection to it uses.</summary>
internal static class GovernanceSchema
{
    // 1: the governance log. 2: the exemptions it governs (issue 4), in the same file so a grant and its record
    // commit together. 3: the investigations it governs (issue 6), likewise; their captured records are personal data
    // with a retention limit and live in investigations.db (CaptureStore), not here. Every table is created with
    // IF NOT EXISTS, so an older file gains what it lacks when it is opened. 4: the employees' rights requests
    // (article 8), so a filing or an answer commits with its record. 5: the blocks on investigations' records granted
    // on such requests, beside the investigations so a restored investigations.db cannot lift them (article 7.2).
    public const int Version = 5;

    // The triggers stop the application (and a careless operator) from changing history; they do not stop someone
    // with write access to the file, who can drop them. The hash chain and the exported head are what detect that.
    private const string CreateSql = """
        CREATE TABLE IF NOT EXISTS governance_log (
            sequence      INTEGER PRIMARY KEY,
            recorded_at   TEXT NOT NULL,
            actor         TEXT NOT NULL,
            action        TEXT NOT NULL,
            subject       TEXT NULL,
            details       TEXT NOT NULL,
            purpose       TEXT NULL,
            previous_hash BLOB NOT NULL,
            hash          BLOB NOT NULL);
        CREATE TABLE IF NOT EXISTS governance_head (
            id       INTEGER PRIMARY KEY CHECK (id = 1),
            sequence INTEGER NOT NULL,
            hash     BLOB NOT NULL);
        CREATE INDEX IF NOT EXISTS governance_log_recorded_at ON governance_log (recorded_at);
        CREATE INDEX IF NOT EXISTS governance_log_subject ON governance_log (subject, recorded_at);
        CREATE TRIGGER IF NOT EXISTS governance_log_no_update BEFORE UPDATE ON governance_log
            BEGIN SELECT RAISE(ABORT, 'governance_log is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS governance_log_no_delete BEFORE DELETE ON governance_log
            BEGIN SELECT RAISE(ABORT, 'governance_log is append-only'); END;
        CREATE TABLE IF NOT EXISTS exemptions (
            id              TEXT PRIMARY KEY,
            kind            TEXT NOT NULL CHECK (kind IN ('research', 'size')),
            subject         TEXT NOT NULL,
            granted_by      TEXT NOT NULL,
            start_at        TEXT NOT NULL,
            end_at          TEXT NOT NULL,
            reason          TEXT NOT NULL,
            categories      TEXT NULL,
            max_bytes       INTEGER NULL,
            revoked_at      TEXT NULL,
            revoked_by      TEXT NULL,
            expiry_recorded INTEGER NOT NULL DEFAULT 0);
        CREATE INDEX IF NOT EXISTS exemptions_subject ON exemptions (subject);
        CREATE TABLE IF NOT EXISTS investigations (
            id                  TEXT PRIMARY KEY,
            kind                TEXT NOT NULL CHECK (kind IN ('regular', 'political-office-holder')),
            subject             TEXT NOT NULL,
            purpose             TEXT NOT NULL,
            legal_ground        TEXT NOT NULL,
            scope               TEXT NOT NULL CHECK (scope IN ('traffic', 'content')),
            start_at            TEXT NOT NULL,
            end_at              TEXT NOT NULL,
            readers             TEXT NOT NULL,
            requested_by        TEXT NOT NULL,
            requested_at        TEXT NOT NULL,
            state               TEXT NOT NULL CHECK (state IN ('requested', 'approved', 'refused', 'withdrawn')),
            decided_by          TEXT NULL,
            decided_at          TEXT NULL,
            refusal_reason      TEXT NULL,
            defer_disclosure    INTEGER NOT NULL DEFAULT 0,
            withdrawn_by        TEXT NULL,
            withdrawn_at        TEXT NULL,
            withdrawal_reason   TEXT NULL,
            hold_reason         TEXT NULL,
            hold_set_by         TEXT NULL,
            hold_set_at         TEXT NULL,
            hold_released_by    TEXT NULL,
            hold_released_at    TEXT NULL,
            hold_release_reason TEXT NULL);
        CREATE INDEX IF NOT EXISTS investigations_subject ON investigations (subject);
        CREATE TABLE IF NOT EXISTS rights_requests (
            id          TEXT PRIMARY KEY,
            person      TEXT NOT NULL,
            kind        TEXT NOT NULL CHECK (kind IN ('correct', 'complete', 'delete', 'block')),
            text        TEXT NOT NULL CHECK (text <> ''),
            filed_at    TEXT NOT NULL,
            due_at      TEXT NOT NULL,
            answered_by TEXT NULL,
            answered_at TEXT NULL,
            outcome     TEXT NULL CHECK (outcome IS NULL OR outcome IN ('granted', 'refused')),
            answer      TEXT NULL);
        CREATE INDEX IF NOT EXISTS rights_requests_person ON rights_requests (person);
        CREATE INDEX IF NOT EXISTS rights_requests_open ON rights_requests (answered_at, due_at);
        CREATE TABLE IF NOT EXISTS blocked_investigations (
            investigation TEXT PRIMARY KEY REFERENCES investigations (id),
            request       TEXT NOT NULL,
            blocked_by    TEXT NOT NULL,
            blocked_at    TEXT NOT NULL);
        """;

    public static string ConnectionString(string databasePath, SqliteOpenMode mode) => SqliteFiles.ConnectionString(databasePath, mode);

    /// <summary>Opens a connection with the evidentiary settings: every commit is on disk before it returns.</summary>
    public static SqliteConnection Open(string connectionString) => SqliteFiles.Open(connectionString, "FULL");

    /// <summary>Switches the file to WAL and creates what is missing; see <see cref="SqliteFiles.Ensure"/>.</summary>
    public static void Ensure(SqliteConnection connection) => SqliteFiles.Ensure(connection, "governance database", Version, CreateSql);
}
