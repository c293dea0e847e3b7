using Microsoft.Data.Sqlite;
using WebProxy.Policy.Investigations;

namespace WebProxy.Storage;

/// <summary>
/// The investigations of issue 6 (articles 6.2, 6.3, 6.7, 7.1), in the <c>investigations</c> table of the governance
/// database. As for exemptions (<see cref="ExemptionStore"/>), every change is written in the same transaction as its
/// governance record (<see cref="GovernanceLog.AppendWith"/>): there is never an approval without its record or a
/// record without its approval. Each change of state is conditional on the state it starts from, so two processes
/// deciding at once never both succeed; the loser gets null and nothing is written. The records captured about the
/// subject are not here but in <see cref="CaptureStore"/>: they are the personal data with a retention limit, while
/// this table and the log are the evidence of how control was exercised.
/// </summary>
public sealed class InvestigationStore
{
    private readonly GovernanceLog _log;

    public InvestigationStore(GovernanceLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        _log = log;
    }

    /// <summary>Every stored investigation, whatever its state, in the order they were requested.</summary>
    /// <exception cref="InvalidDataException">A row cannot be read back (edited by hand); names the investigation.</exception>
    public InvestigationSet Load()
    {
        using var connection = GovernanceSchema.Open(GovernanceSchema.ConnectionString(_log.DatabasePath, SqliteOpenMode.ReadOnly));
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {InvestigationRow.Columns}, {InvestigationRow.BlockColumns}
            FROM investigations LEFT JOIN blocked_investigations ON investigation = id
            ORDER BY investigations.rowid;
            """;
        using var reader = command.ExecuteReader();
        var investigations = new List<Investigation>();
        while (reader.Read())
        {
            investigations.Add(InvestigationRow.Read(reader));
        }

        return InvestigationSet.Create(investigations);
    }

    /// <summary>Stores a new, requested investigation together with its <c>investigation_requested</c> record.</summary>
    /// <exception cref="ArgumentException">It is not in the requested state; nothing is written.</exception>
    public GovernanceRecord Request(Investigation investigation, GovernanceEntry record)
    {
        ArgumentNullException.ThrowIfNull(investigation);
        if (investigation.State != InvestigationState.Requested)
        {
            throw new ArgumentException("Only a requested investigation can be stored as a request.", nameof(investigation));
        }

        return _log.AppendWith(record, command =>
        {
            command.CommandText = $"""
                INSERT INTO investigations ({InvestigationRow.Columns})
                VALUES ($id, $kind, $subject, $purpose, $legal_ground, $scope, $start_at, $end_at, $readers, $requested_by,
                        $requested_at, 'requested', NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
                """;
            InvestigationRow.BindRequest(command, investigation);
            command.ExecuteNonQuery();
        });
    }

    /// <summary>
    /// Approves or refuses a requested investigation together with its <c>investigation_approved</c> or
    /// <c>investigation_refused</c> record. Null, writing nothing, when it is missing or no longer requested.
    /// </summary>
    public GovernanceRecord? Decide(Guid id, InvestigationDecision decision, GovernanceEntry record)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentException.ThrowIfNullOrEmpty(decision.DecidedBy);
        if (!decision.Approved && string.IsNullOrWhiteSpace(decision.RefusalReason))
        {
            throw new ArgumentException("A refusal needs a reason.", nameof(decision));
        }

        return _log.AppendIfOneRowChanged(record, """
            UPDATE investigations
            SET state = $state, decided_by = $decided_by, decided_at = $decided_at, refusal_reason = $refusal_reason,
                defer_disclosure = $defer_disclosure
            WHERE id = $id AND state = 'requested';
            """, command =>
        {
            command.Parameters.AddWithValue("$id", GovernanceRows.FormatId(id));
            command.Parameters.AddWithValue("$state", InvestigationNames.Name(decision.Approved ? InvestigationState.Approved : InvestigationState.Refused));
            command.Parameters.AddWithValue("$decided_by", decision.DecidedBy);
            command.Parameters.AddWithValue("$decided_at", GovernanceHash.FormatTimestamp(decision.DecidedAt));
            command.Parameters.AddWithValue("$refusal_reason", decision.Approved ? DBNull.Value : decision.RefusalReason!);
            command.Parameters.AddWithValue("$defer_disclosure", decision.Approved && decision.DeferDisclosure ? 1 : 0);
        });
    }

    /// <summary>
    /// Withdraws a requested or approved investigation together with its <c>investigation_withdrawn</c> record; an
    /// approved one stops recording at <paramref name="withdrawnAt"/>. Null, writing nothing, when it is missing or
    /// already refused or withdrawn.
    /// </summary>
    public GovernanceRecord? Withdraw(Guid id, string withdrawnBy, DateTimeOffset withdrawnAt, string? reason, GovernanceEntry record)
    {
        ArgumentException.ThrowIfNullOrEmpty(withdrawnBy);
        return _log.AppendIfOneRowChanged(record, """
            UPDATE investigations
            SET state = 'withdrawn', withdrawn_by = $withdrawn_by, withdrawn_at = $withdrawn_at, withdrawal_reason = $reason
            WHERE id = $id AND state IN ('requested', 'approved');
            """, command =>
        {
            command.Parameters.AddWithValue("$id", GovernanceRows.FormatId(id));
            command.Parameters.AddWithValue("$withdrawn_by", withdrawnBy);
            command.Parameters.AddWithValue("$withdrawn_at", GovernanceHash.FormatTimestamp(withdrawnAt));
            command.Parameters.AddWithValue("$reason", string.IsNullOrWhiteSpace(reason) ? DBNull.Value : reason);
        });
    }

    /// <summary>
    /// Puts an investigation's records on legal hold together with its <c>legal_hold_set</c> record (replacing a
    /// released earlier hold; the log keeps its history). Null, writing nothing, when it is missing, was never
    /// approved, or a hold is in force.
    /// </summary>
    public GovernanceRecord? SetLegalHold(Guid id, LegalHold hold, GovernanceEntry record)
    {
        ArgumentNullException.ThrowIfNull(hold);
        ArgumentException.ThrowIfNullOrWhiteSpace(hold.Reason);
        ArgumentException.ThrowIfNullOrEmpty(hold.SetBy);
        return _log.AppendIfOneRowChanged(record, """
            UPDATE investigations
            SET hold_reason = $reason, hold_set_by = $set_by, hold_set_at = $set_at,
                hold_released_by = NULL, hold_released_at = NULL, hold_release_reason = NULL
            WHERE id = $id AND decided_at IS NOT NULL AND state IN ('approved', 'withdrawn')
              AND (hold_set_at IS NULL OR hold_released_at IS NOT NULL);
            """, command =>
        {
            command.Parameters.AddWithValue("$id", GovernanceRows.FormatId(id));
            command.Parameters.AddWithValue("$reason", hold.Reason);
            command.Parameters.AddWithValue("$set_by", hold.SetBy);
            command.Parameters.AddWithValue("$set_at", GovernanceHash.FormatTimestamp(hold.SetAt));
        });
    }

    /// <summary>
    /// Releases the legal hold in force together with its <c>legal_hold_released</c> record. Null, writing nothing,
    /// when there is no hold in force.
    /// </summary>
    public GovernanceRecord? ReleaseLegalHold(Guid id, string releasedBy, DateTimeOffset releasedAt, string reason, GovernanceEntry record)
    {
        ArgumentException.ThrowIfNullOrEmpty(releasedBy);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return _log.AppendIfOneRowChanged(record, """
            UPDATE investigations
            SET hold_released_by = $released_by, hold_released_at = $released_at, hold_release_reason = $reason
            WHERE id = $id AND hold_set_at IS NOT NULL AND hold_released_at IS NULL;
            """, command =>
        {
            command.Parameters.AddWithValue("$id", GovernanceRows.FormatId(id));
            command.Parameters.AddWithValue("$released_by", releasedBy);
            command.Parameters.AddWithValue("$released_at", GovernanceHash.FormatTimestamp(releasedAt));
            command.Parameters.AddWithValue("$reason", reason);
        });
    }

    /// <summary>
    /// Blocks an approved investigation's records together with its <c>records_blocked</c> record. Null, writing
    /// nothing, when it is missing, was never approved, or is blocked already.
    /// </summary>
    public GovernanceRecord? Block(Guid id, RecordsBlock block, GovernanceEntry record)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentException.ThrowIfNullOrEmpty(block.BlockedBy);
        return _log.AppendIfOneRowChanged(record, """
            INSERT INTO blocked_investigations (investigation, request, blocked_by, blocked_at)
            SELECT id, $request, $blocked_by, $blocked_at FROM investigations
            WHERE id = $id AND decided_at IS NOT NULL AND state IN ('approved', 'withdrawn')
              AND NOT EXISTS (SELECT 1 FROM blocked_investigations WHERE investigation = $id);
            """, command =>
        {
            command.Parameters.AddWithValue("$id", GovernanceRows.FormatId(id));
            command.Parameters.AddWithValue("$request", GovernanceRows.FormatId(block.RequestId));
            command.Parameters.AddWithValue("$blocked_by", block.BlockedBy);
            command.Parameters.AddWithValue("$blocked_at", GovernanceHash.FormatTimestamp(block.BlockedAt));
        });
    }
}
