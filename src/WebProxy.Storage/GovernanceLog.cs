using Microsoft.Data.Sqlite;

namespace WebProxy.Storage;

/// <summary>
/// The append-only, hash-chained governance log in <c>&lt;data&gt;/governance.db</c> (issue 4; articles 4.3, 5.4
/// and 6.1d of the regulation): every grant, revoke and expiry of an exemption, every directory change, every admin
/// login and every read of personal data, with its stated purpose.
/// </summary>
/// <remarks>
/// <para>
/// Each record carries the hash of the one before it (<see cref="GovernanceHash"/> documents the encoding), so an
/// edited, deleted or reordered record breaks the chain where it happened. A chain cannot show that records were
/// removed from its end, so the last sequence and hash are also kept in <c>governance_head</c>, written in the same
/// transaction as the record. Someone who can write the file can still remove the last records and rewind the head
/// together; only a head kept elsewhere (<see cref="Head"/>, printed for operators) exposes that.
/// </para>
/// <para>
/// One writer: appends go through one connection, one at a time, and each runs in a <c>BEGIN IMMEDIATE</c>
/// transaction that reads the head and inserts the next record under SQLite's write lock, so neither two threads nor
/// two processes (the service and the CLI) can fork the chain. The file is in WAL mode with <c>synchronous=FULL</c>:
/// a record is on disk before <see cref="Append"/> returns.
/// </para>
/// </remarks>
public sealed class GovernanceLog : IDisposable
{
    /// <summary>The database's file name in the data folder.</summary>
    public const string FileName = "governance.db";

    private readonly TimeProvider _timeProvider;
    private readonly Lock _appendLock = new();
    private readonly SqliteConnection _writer;
    private readonly GovernanceLogVerifier _verifier;
    private bool _disposed;

    /// <param name="dataDirectory">The proxy's data folder; created when missing.</param>
    /// <param name="timeProvider">The clock for <see cref="GovernanceRecord.RecordedAt"/>.</param>
    public GovernanceLog(string dataDirectory, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
        var directory = Directory.CreateDirectory(Path.GetFullPath(dataDirectory)).FullName;
        DatabasePath = Path.Combine(directory, FileName);
        _writer = GovernanceSchema.Open(GovernanceSchema.ConnectionString(DatabasePath, SqliteOpenMode.ReadWriteCreate));
        try
        {
            GovernanceSchema.Ensure(_writer);
        }
        catch
        {
            _writer.Dispose();
            throw;
        }

        _verifier = new GovernanceLogVerifier(DatabasePath);
    }

    /// <summary>The database file.</summary>
    public string DatabasePath { get; }

    /// <summary>Records <paramref name="entry"/> as the next record of the chain and returns it as stored.</summary>
    /// <exception cref="ArgumentException">The entry is incomplete or its details are not JSON; nothing is written.</exception>
    /// <exception cref="GovernanceLogCorruptException">The head and the last record disagree; nothing is written.</exception>
    public GovernanceRecord Append(GovernanceEntry entry) => AppendWith(entry, null);

    /// <summary>
    /// Records <paramref name="entry"/> and, inside its transaction before the commit, runs <paramref name="alongside"/>
    /// (replacing a file, say): when it throws, the record is not written; when it returns, the record is committed.
    /// </summary>
    public GovernanceRecord Append(GovernanceEntry entry, Action alongside)
    {
        ArgumentNullException.ThrowIfNull(alongside);
        return AppendWith(entry, _ => alongside());
    }

    /// <summary>
    /// Records <paramref name="entry"/> and runs <paramref name="alongside"/> in the same transaction, so a change of
    /// state (an exemption granted, revoked or expired) and its governance record are written together or not at
    /// all. When <paramref name="alongside"/> throws, nothing is written.
    /// </summary>
    internal GovernanceRecord AppendWith(GovernanceEntry entry, Action<SqliteCommand>? alongside)
    {
        ArgumentNullException.ThrowIfNull(entry);
        entry.Validate();
        return AppendAfter(command =>
        {
            alongside?.Invoke(command);
            return entry;
        });
    }

    /// <summary>
    /// Runs one conditional change (<paramref name="sql"/>, its parameters bound by <paramref name="bind"/>) and
    /// records <paramref name="record"/> in the same transaction, as <see cref="AppendWith"/> does, when it changed
    /// exactly one row. Returns null, writing nothing (the record included), when no row matched: the row to change is
    /// gone or no longer in the state the change starts from (another process was first).
    /// </summary>
    internal GovernanceRecord? AppendIfOneRowChanged(GovernanceEntry record, string sql, Action<SqliteCommand> bind)
    {
        try
        {
            return AppendWith(record, command =>
            {
                command.CommandText = sql;
                bind(command);
                if (command.ExecuteNonQuery() != 1)
                {
                    throw new NothingChangedException();
                }
            });
        }
        catch (NothingChangedException)
        {
            return null;
        }
    }

    /// <summary>
    /// Runs <paramref name="change"/> in a transaction and records the entry it returns in the same one: for a change
    /// whose record depends on what it did (how many rows a retention run deleted). When it throws, nothing is written.
    /// </summary>
    internal GovernanceRecord AppendAfter(Func<SqliteCommand, GovernanceEntry> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_appendLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);

            // Microsoft.Data.Sqlite begins IMMEDIATE unless asked for deferred: the write lock is taken before the
            // head is read, so another process cannot append between our read and our insert.
            using var transaction = _writer.BeginTransaction(deferred: false);
            var (lastSequence, lastHash) = ReadLast(transaction);
            GovernanceEntry entry;
            using (var command = _writer.CreateCommand())
            {
                command.Transaction = transaction;
                entry = change(command);
            }

            entry.Validate();
            var action = GovernanceActionNames.ToName(entry.Action);
            var sequence = lastSequence + 1;
            var recordedAt = GovernanceHash.FormatTimestamp(_timeProvider.GetUtcNow());
            var hash = GovernanceHash.Compute(
                sequence, lastHash, recordedAt, entry.Actor, action, entry.Subject, entry.Details, entry.Purpose);

            using (var insert = _writer.CreateCommand())
            {
                insert.Transaction = transaction;
                insert.CommandText = """
                    INSERT INTO governance_log (sequence, recorded_at, actor, action, subject, details, purpose, previous_hash, hash)
                    VALUES ($sequence, $recorded_at, $actor, $action, $subject, $details, $purpose, $previous_hash, $hash);
                    INSERT INTO governance_head (id, sequence, hash) VALUES (1, $sequence, $hash)
                    ON CONFLICT (id) DO UPDATE SET sequence = excluded.sequence, hash = excluded.hash;
                    """;
                insert.Parameters.AddWithValue("$sequence", sequence);
                insert.Parameters.AddWithValue("$recorded_at", recordedAt);
                insert.Parameters.AddWithValue("$actor", entry.Actor);
                insert.Parameters.AddWithValue("$action", action);
                insert.Parameters.AddWithValue("$subject", (object?)entry.Subject ?? DBNull.Value);
                insert.Parameters.AddWithValue("$details", entry.Details);
                insert.Parameters.AddWithValue("$purpose", (object?)entry.Purpose ?? DBNull.Value);
                insert.Parameters.AddWithValue("$previous_hash", lastHash);
                insert.Parameters.AddWithValue("$hash", hash);
                insert.ExecuteNonQuery();
            }

            transaction.Commit();

            GovernanceHash.TryParseTimestamp(recordedAt, out var at);
            return new GovernanceRecord(
                sequence, at, entry.Actor, entry.Action, entry.Subject, entry.Details, entry.Purpose,
                GovernanceHash.ToHex(lastHash), GovernanceHash.ToHex(hash));
        }
    }

    /// <summary>
    /// The last record's sequence and hash as the head table has them, or null for an empty log. Print it for
    /// operators to keep outside the database; see <see cref="GovernanceHead"/>.
    /// </summary>
    public GovernanceHead? Head()
    {
        using var connection = GovernanceSchema.Open(GovernanceSchema.ConnectionString(DatabasePath, SqliteOpenMode.ReadOnly));
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence, hash FROM governance_head WHERE id = 1;";
        using var reader = command.ExecuteReader();
        return reader.Read() && reader.GetValue(1) is byte[] hash
            ? new GovernanceHead(reader.GetInt64(0), GovernanceHash.ToHex(hash))
            : null;
    }

    /// <summary>Checks the whole chain and the head; see <see cref="GovernanceLogVerifier.Verify"/>.</summary>
    public GovernanceVerification Verify(GovernanceHead? exportedHead = null) => _verifier.Verify(exportedHead);

    /// <summary>
    /// The records with <paramref name="from"/> &lt;= recorded time &lt; <paramref name="to"/>, in sequence order,
    /// optionally only those about <paramref name="subject"/>. Reading does not verify; use <see cref="Verify"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">A record in the range has an unknown action or time (run the verifier).</exception>
    public IReadOnlyList<GovernanceRecord> Read(DateTimeOffset from, DateTimeOffset to, string? subject = null)
    {
        using var connection = GovernanceSchema.Open(GovernanceSchema.ConnectionString(DatabasePath, SqliteOpenMode.ReadOnly));
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT sequence, recorded_at, actor, action, subject, details, purpose, previous_hash, hash
            FROM governance_log
            WHERE recorded_at >= $from AND recorded_at < $to AND ($subject IS NULL OR subject = $subject)
            ORDER BY sequence;
            """;
        command.Parameters.AddWithValue("$from", GovernanceHash.FormatTimestamp(from));
        command.Parameters.AddWithValue("$to", GovernanceHash.FormatTimestamp(to));
        command.Parameters.AddWithValue("$subject", (object?)subject ?? DBNull.Value);
        using var reader = command.ExecuteReader();
        var records = new List<GovernanceRecord>();
        while (reader.Read())
        {
            var sequence = reader.GetInt64(0);
            if (!GovernanceHash.TryParseTimestamp(reader.GetString(1), out var at)
                || !GovernanceActionNames.TryParse(reader.GetString(3), out var action))
            {
                throw new InvalidDataException($"Governance record {sequence} cannot be read; run the log verifier.");
            }

            records.Add(new GovernanceRecord(
                sequence,
                at,
                reader.GetString(2),
                action.Value,
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                GovernanceHash.ToHex(reader.GetValue(7) as byte[] ?? []),
                GovernanceHash.ToHex(reader.GetValue(8) as byte[] ?? [])));
        }

        return records;
    }

    /// <summary>Closes the writer connection.</summary>
    public void Dispose()
    {
        lock (_appendLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _writer.Dispose();
        }
    }

    /// <summary>The last record, after checking the head table agrees with it (else appending would hide damage).</summary>
    private (long Sequence, byte[] Hash) ReadLast(SqliteTransaction transaction)
    {
        long sequence = 0;
        var hash = GovernanceHash.Genesis.ToArray();
        using (var last = _writer.CreateCommand())
        {
            last.Transaction = transaction;
            last.CommandText = "SELECT sequence, hash FROM governance_log ORDER BY sequence DESC LIMIT 1;";
            using var reader = last.ExecuteReader();
            if (reader.Read())
            {
                sequence = reader.GetInt64(0);
                hash = reader.GetValue(1) as byte[] ?? [];
            }
        }

        long? headSequence = null;
        byte[]? headHash = null;
        using (var head = _writer.CreateCommand())
        {
            head.Transaction = transaction;
            head.CommandText = "SELECT sequence, hash FROM governance_head WHERE id = 1;";
            using var reader = head.ExecuteReader();
            if (reader.Read())
            {
                headSequence = reader.GetInt64(0);
                headHash = reader.GetValue(1) as byte[];
            }
        }

        var agrees = headSequence is null
            ? sequence == 0
            : headSequence == sequence && headHash is not null && headHash.AsSpan().SequenceEqual(hash);
        if (!agrees || hash.Length != GovernanceHash.Size)
        {
            throw new GovernanceLogCorruptException(
                "The governance log's head does not match its last record, so nothing more can be appended without " +
                "hiding the damage. Run 'webproxy log verify'.");
        }

        return (sequence, hash);
    }
}
