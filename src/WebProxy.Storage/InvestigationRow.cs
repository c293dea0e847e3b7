using Microsoft.Data.Sqlite;
using WebProxy.Policy.Investigations;

namespace WebProxy.Storage;

/// <summary>How an <see cref="Investigation"/> maps onto a row of the <c>investigations</c> table.</summary>
internal static class InvestigationRow
{
    /// <summary>The columns, in the order <see cref="Read"/> expects them.</summary>
    public const string Columns =
        "id, kind, subject, purpose, legal_ground, scope, start_at, end_at, readers, requested_by, requested_at, state, " +
        "decided_by, decided_at, refusal_reason, defer_disclosure, withdrawn_by, withdrawn_at, withdrawal_reason, " +
        "hold_reason, hold_set_by, hold_set_at, hold_released_by, hold_released_at, hold_release_reason";

    /// <summary>The block columns <see cref="Read"/> expects after <see cref="Columns"/> (a LEFT JOIN of <c>blocked_investigations</c>).</summary>
    public const string BlockColumns = "request, blocked_by, blocked_at";

    /// <summary>Binds a new, requested investigation (the decision, withdrawal and hold columns start empty).</summary>
    public static void BindRequest(SqliteCommand command, Investigation investigation)
    {
        if (investigation.Readers.Any(r => string.IsNullOrEmpty(r) || r.Contains(',', StringComparison.Ordinal)))
        {
            throw new ArgumentException("A reader id is empty or contains a comma.", nameof(investigation));
        }

        command.Parameters.AddWithValue("$id", GovernanceRows.FormatId(investigation.Id));
        command.Parameters.AddWithValue("$kind", InvestigationNames.Name(investigation.Kind));
        command.Parameters.AddWithValue("$subject", investigation.SubjectId);
        command.Parameters.AddWithValue("$purpose", investigation.Purpose);
        command.Parameters.AddWithValue("$legal_ground", investigation.LegalGround);
        command.Parameters.AddWithValue("$scope", InvestigationNames.Name(investigation.Scope));
        command.Parameters.AddWithValue("$start_at", GovernanceHash.FormatTimestamp(investigation.Start));
        command.Parameters.AddWithValue("$end_at", GovernanceHash.FormatTimestamp(investigation.End));
        command.Parameters.AddWithValue("$readers", string.Join(',', investigation.Readers));
        command.Parameters.AddWithValue("$requested_by", investigation.RequestedBy);
        command.Parameters.AddWithValue("$requested_at", GovernanceHash.FormatTimestamp(investigation.RequestedAt));
    }

    /// <summary>Reads the row at the reader's position (<see cref="Columns"/>, then <see cref="BlockColumns"/>).</summary>
    public static Investigation Read(SqliteDataReader reader)
    {
        var idText = reader.GetString(0);
        if (!Guid.TryParseExact(idText, "D", out var id))
        {
            throw Unreadable(idText, "id");
        }

        if (!InvestigationNames.TryParse(reader.GetString(1), out InvestigationKind kind))
        {
            throw Unreadable(idText, "kind");
        }

        if (!InvestigationNames.TryParse(reader.GetString(5), out InvestigationScope scope))
        {
            throw Unreadable(idText, "scope");
        }

        if (!InvestigationNames.TryParse(reader.GetString(11), out InvestigationState state))
        {
            throw Unreadable(idText, "state");
        }

        LegalHold? hold = null;
        if (Text(reader, 19) is { } holdReason)
        {
            hold = new LegalHold(holdReason, Text(reader, 20) ?? throw Unreadable(idText, "hold_set_by"), GovernanceRows.Time(reader, 21, idText, "hold_set_at", Unreadable))
            {
                ReleasedBy = Text(reader, 22),
                ReleasedAt = GovernanceRows.OptionalTime(reader, 23, idText, "hold_released_at", Unreadable),
                ReleaseReason = Text(reader, 24),
            };
        }

        RecordsBlock? block = null;
        if (Text(reader, 25) is { } requestText)
        {
            block = new RecordsBlock(
                Guid.TryParseExact(requestText, "D", out var request) ? request : throw Unreadable(idText, "blocked_investigations.request"),
                Text(reader, 26) ?? throw Unreadable(idText, "blocked_investigations.blocked_by"),
                GovernanceRows.Time(reader, 27, idText, "blocked_investigations.blocked_at", Unreadable));
        }

        return new Investigation
        {
            Id = id,
            Kind = kind,
            SubjectId = reader.GetString(2),
            Purpose = reader.GetString(3),
            LegalGround = reader.GetString(4),
            Scope = scope,
            Start = GovernanceRows.Time(reader, 6, idText, "start_at", Unreadable),
            End = GovernanceRows.Time(reader, 7, idText, "end_at", Unreadable),
            Readers = reader.GetString(8).Split(',', StringSplitOptions.RemoveEmptyEntries),
            RequestedBy = reader.GetString(9),
            RequestedAt = GovernanceRows.Time(reader, 10, idText, "requested_at", Unreadable),
            State = state,
            DecidedBy = Text(reader, 12),
            DecidedAt = GovernanceRows.OptionalTime(reader, 13, idText, "decided_at", Unreadable),
            RefusalReason = Text(reader, 14),
            DeferDisclosure = reader.GetInt64(15) != 0,
            WithdrawnBy = Text(reader, 16),
            WithdrawnAt = GovernanceRows.OptionalTime(reader, 17, idText, "withdrawn_at", Unreadable),
            WithdrawalReason = Text(reader, 18),
            LegalHold = hold,
            Block = block,
        };
    }

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static InvalidDataException Unreadable(string id, string what) =>
        new($"Investigation {id} in the governance database cannot be read ({what}); it was changed outside WebProxy.");
}
