using Microsoft.Data.Sqlite;
using WebProxy.Policy.Investigations;

namespace WebProxy.Storage;

/// <summary>
/// The requests recorded about investigations' subjects (issue 6), in <c>&lt;data&gt;/investigations.db</c>. This is
/// the personal data with the six-month limit of article 7.1: a file of its own, apart from <c>governance.db</c>,
/// whose log is the evidence and is never deleted. Retention and erasure delete from here
/// (<see cref="DeleteInvestigation"/>, <see cref="DeleteCapturedBefore"/>) and report counts, never the data.
/// </summary>
/// <remarks>
/// <para>Writes are batched off the request path: <see cref="Append"/> only queues, and a batch is written in one
/// transaction when it is full, on <see cref="Flush"/> (the host calls it on a timer), before every read and deletion,
/// and on <see cref="Dispose"/>. A crash loses at most the queued requests.</para>
/// <para>One writer connection, one batch at a time; readers open their own read-only connections.</para>
/// </remarks>
public sealed class CaptureStore : IDisposable
{
    /// <summary>The database's file name in the data folder.</summary>
    public const string FileName = "investigations.db";

    /// <summary>How many queued requests make <see cref="Append"/> write a batch.</summary>
    public const int DefaultBatchSize = 64;

    private const string Columns = "investigation, captured_at, host, url, bytes_to_client, bytes_to_origin, category, decision";

    private readonly Lock _lock = new();
    private readonly SqliteConnection _writer;
    private readonly int _batchSize;
    private List<CapturedRequest> _pending = [];
    private bool _disposed;

    /// <param name="dataDirectory">The proxy's data folder; created when missing.</param>
    /// <param name="batchSize">How many queued requests make <see cref="Append"/> write them; 1 writes each at once.</param>
    public CaptureStore(string dataDirectory, int batchSize = DefaultBatchSize)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _batchSize = batchSize;
        var directory = Directory.CreateDirectory(Path.GetFullPath(dataDirectory)).FullName;
        DatabasePath = Path.Combine(directory, FileName);
        _writer = CaptureSchema.Open(CaptureSchema.ConnectionString(DatabasePath, SqliteOpenMode.ReadWriteCreate));
        try
        {
            CaptureSchema.Ensure(_writer);
        }
        catch
        {
            _writer.Dispose();
            throw;
        }
    }

    /// <summary>The database file.</summary>
    public string DatabasePath { get; }

    /// <summary>How many appended requests wait to be written.</summary>
    public int Pending
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>
    /// Queues one request of an investigation's subject; writes the queue when it holds a full batch. The caller
    /// passes <paramref name="url"/> only for a content-scope investigation.
    /// </summary>
    /// <exception cref="ArgumentException">An empty id, host or decision, or a negative byte count.</exception>
    public void Append(
        Guid investigationId,
        DateTimeOffset capturedAt,
        string host,
        string? url,
        long bytesToClient,
        long bytesToOrigin,
        string? category,
        string decision)
    {
        if (investigationId == Guid.Empty)
        {
            throw new ArgumentException("The investigation id must not be empty.", nameof(investigationId));
        }

        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentException.ThrowIfNullOrEmpty(decision);
        ArgumentOutOfRangeException.ThrowIfNegative(bytesToClient);
        ArgumentOutOfRangeException.ThrowIfNegative(bytesToOrigin);
        var request = new CapturedRequest(investigationId, capturedAt.ToUniversalTime(), host, url, bytesToClient, bytesToOrigin, category, decision);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _pending.Add(request);
            if (_pending.Count >= _batchSize)
            {
                FlushLocked();
            }
        }
    }

    /// <summary>
    /// Queues one request of <paramref name="investigation"/>'s subject in that investigation's scope: the full URL is
    /// kept only for <see cref="InvestigationScope.Content"/> and dropped for <see cref="InvestigationScope.Traffic"/>,
    /// so the capture hook cannot record more than was approved (article 6.3).
    /// </summary>
    public void Append(
        Investigation investigation,
        DateTimeOffset capturedAt,
        string host,
        string? url,
        long bytesToClient,
        long bytesToOrigin,
        string? category,
        string decision)
    {
        ArgumentNullException.ThrowIfNull(investigation);
        Append(investigation.Id, capturedAt, host, investigation.Scope == InvestigationScope.Content ? url : null,
            bytesToClient, bytesToOrigin, category, decision);
    }

    /// <summary>
    /// Writes the queued requests in one transaction; returns how many. When the write fails the batch is dropped
    /// (so a broken disk cannot grow the queue without bound) and the exception propagates.
    /// </summary>
    public int Flush()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return FlushLocked();
        }
    }

    /// <summary>Every request recorded for one investigation, oldest first (queued ones are written first).</summary>
    /// <exception cref="InvalidDataException">A row cannot be read back (edited by hand).</exception>
    public IReadOnlyList<CapturedRequest> Read(Guid investigationId)
    {
        Flush();
        using var connection = CaptureSchema.Open(CaptureSchema.ConnectionString(DatabasePath, SqliteOpenMode.ReadOnly));
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM captured_requests WHERE investigation = $id ORDER BY captured_at, rowid;";
        command.Parameters.AddWithValue("$id", GovernanceRows.FormatId(investigationId));
        using var reader = command.ExecuteReader();
        var requests = new List<CapturedRequest>();
        while (reader.Read())
        {
            if (!GovernanceHash.TryParseTimestamp(reader.GetString(1), out var at))
            {
                throw new InvalidDataException($"A request recorded for investigation {investigationId} cannot be read (captured_at); it was changed outside WebProxy.");
            }

            requests.Add(new CapturedRequest(
                investigationId,
                at,
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetInt64(4),
                reader.GetInt64(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.GetString(7)));
        }

        return requests;
    }

    /// <summary>How many requests are recorded for one investigation (queued ones are written first).</summary>
    public long Count(Guid investigationId)
    {
        Flush();
        using var connection = CaptureSchema.Open(CaptureSchema.ConnectionString(DatabasePath, SqliteOpenMode.ReadOnly));
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM captured_requests WHERE investigation = $id;";
        command.Parameters.AddWithValue("$id", GovernanceRows.FormatId(investigationId));
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Deletes every request recorded for one investigation (queued ones included); returns how many.</summary>
    public int DeleteInvestigation(Guid investigationId) =>
        Delete("DELETE FROM captured_requests WHERE investigation = $id", command =>
            command.Parameters.AddWithValue("$id", GovernanceRows.FormatId(investigationId)));

    /// <summary>
    /// Retention: deletes every request captured before <paramref name="cutoff"/> (exclusive), except those of the
    /// investigations in <paramref name="keep"/> (on legal hold); returns how many.
    /// </summary>
    public int DeleteCapturedBefore(DateTimeOffset cutoff, IReadOnlySet<Guid>? keep = null) =>
        Delete("DELETE FROM captured_requests WHERE captured_at < $cutoff", command =>
        {
            command.Parameters.AddWithValue("$cutoff", GovernanceHash.FormatTimestamp(cutoff));
            if (keep is { Count: > 0 })
            {
                var names = new List<string>();
                foreach (var id in keep)
                {
                    var name = $"$keep{names.Count}";
                    names.Add(name);
                    command.Parameters.AddWithValue(name, GovernanceRows.FormatId(id));
                }

                command.CommandText += $" AND investigation NOT IN ({string.Join(", ", names)})";
            }
        });

    /// <summary>Writes what is queued and closes the writer connection.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            try
            {
                FlushLocked();
            }
            finally
            {
                _disposed = true;
                _writer.Dispose();
            }
        }
    }

    /// <summary>Flushes, then runs one deletion in its own transaction.</summary>
    private int Delete(string sql, Action<SqliteCommand> bind)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            FlushLocked();
            using var transaction = _writer.BeginTransaction();
            using var command = _writer.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            bind(command);
            command.CommandText += ";";
            var deleted = command.ExecuteNonQuery();
            transaction.Commit();
            return deleted;
        }
    }

    private int FlushLocked()
    {
        if (_pending.Count == 0)
        {
            return 0;
        }

        var batch = _pending;
        _pending = [];
        using var transaction = _writer.BeginTransaction();
        using var insert = _writer.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"""
            INSERT INTO captured_requests ({Columns})
            VALUES ($investigation, $captured_at, $host, $url, $bytes_to_client, $bytes_to_origin, $category, $decision);
            """;
        var investigation = insert.Parameters.Add("$investigation", SqliteType.Text);
        var capturedAt = insert.Parameters.Add("$captured_at", SqliteType.Text);
        var host = insert.Parameters.Add("$host", SqliteType.Text);
        var url = insert.Parameters.Add("$url", SqliteType.Text);
        var toClient = insert.Parameters.Add("$bytes_to_client", SqliteType.Integer);
        var toOrigin = insert.Parameters.Add("$bytes_to_origin", SqliteType.Integer);
        var category = insert.Parameters.Add("$category", SqliteType.Text);
        var decision = insert.Parameters.Add("$decision", SqliteType.Text);
        foreach (var request in batch)
        {
            investigation.Value = GovernanceRows.FormatId(request.InvestigationId);
            capturedAt.Value = GovernanceHash.FormatTimestamp(request.CapturedAt);
            host.Value = request.Host;
            url.Value = (object?)request.Url ?? DBNull.Value;
            toClient.Value = request.BytesToClient;
            toOrigin.Value = request.BytesToOrigin;
            category.Value = (object?)request.Category ?? DBNull.Value;
            decision.Value = request.Decision;
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
        return batch.Count;
    }
}
