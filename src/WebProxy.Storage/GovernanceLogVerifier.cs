using Microsoft.Data.Sqlite;

namespace WebProxy.Storage;

/// <summary>
/// Checks a governance database read-only, so it also works on a copy handed to an auditor. It walks the records in
/// sequence order and stops at the first one that is wrong, then compares the end of the chain with the head table
/// and, when given, with a head the operator kept elsewhere.
/// </summary>
public sealed class GovernanceLogVerifier
{
    private readonly string _connectionString;

    /// <param name="databasePath">A <c>governance.db</c> file.</param>
    public GovernanceLogVerifier(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        _connectionString = GovernanceSchema.ConnectionString(Path.GetFullPath(databasePath), SqliteOpenMode.ReadOnly);
    }

    /// <summary>
    /// Verifies every record. Per record, in this order: its sequence follows the previous one (else a record was
    /// deleted); its previous hash is the previous record's hash (else records were deleted, inserted or reordered);
    /// its contents hash to its stored hash (else it was edited); its action and time are readable. Then the head.
    /// </summary>
    /// <param name="exportedHead">A head copied out earlier (<see cref="GovernanceLog.Head"/>); the record at its
    /// sequence must still exist and carry its hash. Without it, removing the last records together with rewinding
    /// the head table is not detectable.</param>
    public GovernanceVerification Verify(GovernanceHead? exportedHead = null)
    {
        using var connection = GovernanceSchema.Open(_connectionString);

        // One read transaction: in WAL mode it sees one snapshot, so appends during the walk do not confuse it.
        using var transaction = connection.BeginTransaction(deferred: true);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT sequence, recorded_at, actor, action, subject, details, purpose, previous_hash, hash
            FROM governance_log ORDER BY sequence;
            """;

        long count = 0;
        byte[] previous = GovernanceHash.Genesis.ToArray();
        GovernanceHead? last = null;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var sequence = reader.GetInt64(0);
                var expected = count + 1;
                var text = new string?[7];
                for (var i = 1; i <= 6; i++)
                {
                    text[i] = reader.IsDBNull(i) ? null : reader.GetValue(i) as string;
                }

                var previousHash = reader.GetValue(7) as byte[];
                var hash = reader.GetValue(8) as byte[];

                if (sequence < expected)
                {
                    return Bad(GovernanceProblem.Malformed, count, sequence, last,
                        $"Record {sequence} has a sequence number below 1; sequences start at 1.");
                }

                if (sequence > expected)
                {
                    var where = expected == 1
                        ? $"the log starts at record {sequence} instead of 1"
                        : $"the log jumps from record {expected - 1} to record {sequence}";
                    var what = sequence - expected == 1 ? $"Record {expected} is missing" : $"Records {expected} to {sequence - 1} are missing";
                    return Bad(GovernanceProblem.Missing, count, expected, last, $"{what}: {where}. Records were deleted.");
                }

                if (previousHash is null || !previousHash.AsSpan().SequenceEqual(previous))
                {
                    var reason = sequence == 1
                        ? "Record 1 does not start the chain (its previous hash is not all zeros): records before it were removed or it was replaced."
                        : $"Record {sequence} does not follow record {sequence - 1}: its previous hash is not record {sequence - 1}'s hash. " +
                          "Records were deleted, inserted or reordered here.";
                    return Bad(GovernanceProblem.BrokenChain, count, sequence, last, reason);
                }

                var computed = GovernanceHash.Compute(sequence, previousHash, text[1], text[2], text[3], text[4], text[5], text[6]);
                if (hash is null || !hash.AsSpan().SequenceEqual(computed))
                {
                    return Bad(GovernanceProblem.Edited, count, sequence, last,
                        $"Record {sequence} was changed after it was written: its contents no longer match its hash.");
                }

                if (!GovernanceActionNames.TryParse(text[3], out _) || !GovernanceHash.TryParseTimestamp(text[1], out _))
                {
                    return Bad(GovernanceProblem.Malformed, count, sequence, last,
                        $"Record {sequence} has an unknown action or an unreadable time although its hash matches: it was not written by WebProxy.");
                }

                if (exportedHead is not null && sequence == exportedHead.Sequence
                    && !string.Equals(GovernanceHash.ToHex(hash), exportedHead.Hash, StringComparison.OrdinalIgnoreCase))
                {
                    return Bad(GovernanceProblem.ExportedHeadMismatch, count, sequence, last,
                        $"Record {sequence} is not the record the exported head {exportedHead} was taken from: " +
                        $"the log was rewritten at or before record {sequence}.");
                }

                previous = hash;
                count = sequence;
                last = new GovernanceHead(sequence, GovernanceHash.ToHex(hash));
            }
        }

        using var head = connection.CreateCommand();
        head.Transaction = transaction;
        head.CommandText = "SELECT sequence, hash FROM governance_head WHERE id = 1;";
        using var headReader = head.ExecuteReader();
        long? headSequence = null;
        byte[]? headHash = null;
        if (headReader.Read())
        {
            headSequence = headReader.IsDBNull(0) ? -1 : headReader.GetInt64(0);
            headHash = headReader.GetValue(1) as byte[];
        }

        if (headSequence is null)
        {
            if (count > 0)
            {
                return Bad(GovernanceProblem.HeadMismatch, count, null, last,
                    "The head record is missing, so records removed from the end of the log could not be noticed.");
            }
        }
        else if (headSequence > count)
        {
            var what = headSequence - count == 1 ? $"Record {count + 1} is missing" : $"Records {count + 1} to {headSequence} are missing";
            return Bad(GovernanceProblem.Truncated, count, count + 1, last,
                $"{what}: the head says the log ends at record {headSequence}, but it ends at record {count}. Records were removed from its end.");
        }
        else if (headSequence < count)
        {
            return Bad(GovernanceProblem.HeadMismatch, count, headSequence + 1, last,
                $"The log continues after record {headSequence}, where the head says it ends: record {headSequence + 1} onwards was added outside WebProxy.");
        }
        else if (headHash is null || last is null || !string.Equals(GovernanceHash.ToHex(headHash), last.Hash, StringComparison.Ordinal))
        {
            return Bad(GovernanceProblem.HeadMismatch, count, count, last,
                $"Record {count}'s hash differs from the head's: record {count} was replaced.");
        }

        if (exportedHead is not null && exportedHead.Sequence > count)
        {
            return Bad(GovernanceProblem.ExportedHeadMismatch, count, count + 1, last,
                $"The exported head {exportedHead} names record {exportedHead.Sequence}, but the log ends at record {count}: " +
                "records were removed from its end and the head table rewound.");
        }

        return new GovernanceVerification(GovernanceProblem.None, count, null,
            count == 0 ? "The governance log is empty." : $"All {count} records are intact; the head is {last}.", last);
    }

    private static GovernanceVerification Bad(GovernanceProblem problem, long count, long? sequence, GovernanceHead? last, string reason) =>
        new(problem, count, sequence, reason, last);
}
