using Microsoft.Data.Sqlite;
using WebProxy.Policy.Exemptions;
using WebProxy.Policy.Rules;

namespace WebProxy.Storage;

/// <summary>
/// The exemptions of issue 4 (article 5.4), in the <c>exemptions</c> table of the governance database. Every change
/// is written in the same transaction as its governance record (<see cref="GovernanceLog.AppendWith"/>),
/// so there is never a grant without its record or a record without its grant. The service and the command line may
/// both write; SQLite's write lock orders them.
/// </summary>
public sealed class ExemptionStore
{
    private const string Columns =
        "id, kind, subject, granted_by, start_at, end_at, reason, categories, max_bytes, revoked_at, revoked_by, expiry_recorded";

    private readonly GovernanceLog _log;

    public ExemptionStore(GovernanceLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        _log = log;
    }

    /// <summary>Every stored exemption, ended and revoked ones included, in the order they were granted.</summary>
    /// <exception cref="InvalidDataException">A row cannot be read back (edited by hand); names the exemption.</exception>
    public ExemptionSet Load()
    {
        using var connection = GovernanceSchema.Open(GovernanceSchema.ConnectionString(_log.DatabasePath, SqliteOpenMode.ReadOnly));
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM exemptions ORDER BY rowid;";
        using var reader = command.ExecuteReader();
        var exemptions = new List<Exemption>();
        while (reader.Read())
        {
            exemptions.Add(ExemptionRow.Read(reader));
        }

        return ExemptionSet.Create(exemptions);
    }

    /// <summary>Stores a new exemption together with its <c>exemption_granted</c> record.</summary>
    public GovernanceRecord Grant(Exemption exemption, GovernanceEntry record)
    {
        ArgumentNullException.ThrowIfNull(exemption);
        return _log.AppendWith(record, command =>
        {
            command.CommandText = $"""
                INSERT INTO exemptions ({Columns})
                VALUES ($id, $kind, $subject, $granted_by, $start_at, $end_at, $reason, $categories, $max_bytes, NULL, NULL, 0);
                """;
            ExemptionRow.Bind(command, exemption);
            command.ExecuteNonQuery();
        });
    }

    /// <summary>
    /// Marks the exemption revoked together with its <c>exemption_revoked</c> record. Returns null, writing nothing,
    /// when it is missing or was revoked meanwhile (by another process), so two revocations never both succeed.
    /// </summary>
    public GovernanceRecord? Revoke(Guid id, DateTimeOffset revokedAt, string revokedBy, GovernanceEntry record)
    {
        ArgumentException.ThrowIfNullOrEmpty(revokedBy);
        return _log.AppendIfOneRowChanged(record, """
            UPDATE exemptions SET revoked_at = $revoked_at, revoked_by = $revoked_by
            WHERE id = $id AND revoked_at IS NULL;
            """, command =>
        {
            command.Parameters.AddWithValue("$id", GovernanceRows.FormatId(id));
            command.Parameters.AddWithValue("$revoked_at", GovernanceHash.FormatTimestamp(revokedAt));
            command.Parameters.AddWithValue("$revoked_by", revokedBy);
        });
    }

    /// <summary>
    /// Marks that the exemption ran to its end, together with its <c>exemption_expired</c> record; null, writing
    /// nothing, when that was recorded already (by another process) or it was revoked.
    /// </summary>
    public GovernanceRecord? RecordExpiry(Guid id, GovernanceEntry record) =>
        _log.AppendIfOneRowChanged(record, """
            UPDATE exemptions SET expiry_recorded = 1
            WHERE id = $id AND expiry_recorded = 0 AND revoked_at IS NULL;
            """, command => command.Parameters.AddWithValue("$id", GovernanceRows.FormatId(id)));

    /// <summary>
    /// Deletes the ended exemptions <paramref name="ids"/> (retention, article 7.1) together with their
    /// <c>records_deleted</c> record, which holds the count, never who or what. Only rows that are over — revoked, or
    /// with their expiry recorded, both final states — are touched, whatever the caller thought. Returns how many
    /// went; when none did (another process was first) nothing is written, the record included.
    /// </summary>
    public int DeleteEnded(IReadOnlyCollection<Guid> ids, Func<int, GovernanceEntry> record)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(record);
        if (ids.Count == 0)
        {
            return 0;
        }

        try
        {
            var deleted = 0;
            _log.AppendAfter(command =>
            {
                command.CommandText = "DELETE FROM exemptions WHERE id = $id AND (revoked_at IS NOT NULL OR expiry_recorded = 1);";
                var id = command.Parameters.Add("$id", SqliteType.Text);
                foreach (var exemption in ids)
                {
                    id.Value = GovernanceRows.FormatId(exemption);
                    deleted += command.ExecuteNonQuery();
                }

                return deleted > 0 ? record(deleted) : throw new NothingChangedException();
            });
            return deleted;
        }
        catch (NothingChangedException)
        {
            return 0;
        }
    }
}
