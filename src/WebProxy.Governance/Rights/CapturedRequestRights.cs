using System.Text.Json;
using WebProxy.Policy.Investigations;
using WebProxy.Storage;

namespace WebProxy.Governance.Rights;

/// <summary>
/// What a privacy officer can do to the requests captured about a person when granting their request (article 8),
/// for every investigation that named them and has stopped recording: <see cref="Erase"/> them (a deletion request)
/// or <see cref="Block"/> them (a blocking request: kept until their retention ends, shown to the person, no longer
/// provided to the readers). Neither is done while an investigation still records or is on legal hold — weighty
/// reasons keep data as it is (article 7.1) — and the officer must then refuse with those reasons or wait.
/// </summary>
/// <remarks>
/// The answer is recorded first, naming the investigations an erasure covers; then each investigation's erasure is
/// written to the governance log (the count, never the data, with the person as subject so they see it) and done. A
/// crash in between leaves records the host re-applies at the next start, as it re-applies every deletion after a
/// restore from backup (article 7.2). A block lives in the governance database
/// beside the investigation, written in one transaction with its record, so restoring <c>investigations.db</c>
/// cannot lift it.
/// </remarks>
internal sealed class CapturedRequestRights
{
    private readonly GovernanceState _state;
    private readonly CaptureStore _captures;
    private readonly InvestigationStore _investigations;

    public CapturedRequestRights(GovernanceState state, CaptureStore captures)
    {
        _state = state;
        _captures = captures;
        _investigations = state.InvestigationStore;
    }

    /// <summary>Why the person's captured requests cannot be erased or blocked at <paramref name="now"/>; null when they can.</summary>
    /// <param name="field">The answer's field that asked for it, named in the problem.</param>
    public Problem? Check(string personId, DateTimeOffset now, string field)
    {
        foreach (var investigation in Naming(personId))
        {
            if (investigation.IsOnLegalHold)
            {
                return Problem.Conflict(field,
                    $"investigation {investigation.Id} is on legal hold ({investigation.LegalHold!.Reason}); its records are kept as they are for it (article 7.1): refuse with that reason, or answer once the secretary released the hold");
            }

            if (investigation.CaptureEnd > now)
            {
                return Problem.Conflict(field,
                    $"investigation {investigation.Id} records until {investigation.CaptureEnd:O}; its records can be erased or blocked once it ended");
            }
        }

        return null;
    }

    /// <summary>
    /// The investigations naming the person with captured requests, and how many each (after <see cref="Check"/> said
    /// they may go): what an erasure will delete, for the answer's record.
    /// </summary>
    public IReadOnlyList<(Guid Investigation, long Count)> ErasurePlan(string personId)
    {
        // Requests still buffered belong to the same investigations and must be counted and go too.
        _captures.Flush();
        return [.. Naming(personId).Select(i => (i.Id, _captures.Count(i.Id))).Where(e => e.Item2 > 0)];
    }

    /// <summary>The investigations naming the person whose records are not blocked yet: what a block will cover.</summary>
    public IReadOnlyList<Guid> BlockPlan(string personId) => [.. Naming(personId).Where(i => i.Block is null).Select(i => i.Id)];

    /// <summary>Erases what <see cref="ErasurePlan"/> found, recording each investigation's erasure before deleting it.</summary>
    public void Erase(Actor actor, string personId, Guid requestId, IReadOnlyList<(Guid Investigation, long Count)> plan)
    {
        _captures.Flush();
        foreach (var (investigation, count) in plan)
        {
            var details = JsonSerializer.Serialize(new
            {
                kind = DeletionKinds.Erasure,
                request = requestId,
                investigation,
                count,
                via = actor.Via,
            }, GovernanceJson.Options);
            _state.Log.Append(new GovernanceEntry(actor.PersonId, GovernanceAction.RecordsDeleted, personId, details));
            _captures.DeleteInvestigation(investigation);
        }
    }

    /// <summary>Blocks what <see cref="BlockPlan"/> found, each investigation with its <c>records_blocked</c> record.</summary>
    public void Block(Actor actor, string personId, Guid requestId, IReadOnlyList<Guid> plan, DateTimeOffset now)
    {
        foreach (var investigation in plan)
        {
            PlaceBlock(actor, personId, requestId, investigation, now);
        }

        _state.Refresh();
    }

    /// <summary>
    /// Carries out the blocks granted answers named but that are not in place — the process stopped between the answer
    /// and the block — each as the officer who answered, at the answer's time; returns how many it placed.
    /// </summary>
    /// <param name="onRecord">The governance records to go by, oldest first (the answers among them are read).</param>
    public int CompleteBlocks(IEnumerable<GovernanceRecord> onRecord)
    {
        _state.Refresh();
        var placed = 0;
        foreach (var record in onRecord)
        {
            if (record.Action != GovernanceAction.RightsRequestAnswered)
            {
                continue;
            }

            using var details = JsonDocument.Parse(record.Details);
            var root = details.RootElement;
            if (!root.TryGetProperty("blockedInvestigations", out var blocked) || blocked.ValueKind != JsonValueKind.Array
                || !root.TryGetProperty("request", out var requestId) || !requestId.TryGetGuid(out var request))
            {
                continue;
            }

            foreach (var id in blocked.EnumerateArray())
            {
                if (id.TryGetGuid(out var investigation) && _state.Investigations.Find(investigation) is { Block: null } open)
                {
                    PlaceBlock(new Actor(record.Actor, "completion"), open.SubjectId, request, investigation, record.RecordedAt);
                    placed++;
                }
            }
        }

        if (placed > 0)
        {
            _state.Refresh();
        }

        return placed;
    }

    private void PlaceBlock(Actor actor, string personId, Guid requestId, Guid investigation, DateTimeOffset at)
    {
        var details = JsonSerializer.Serialize(new
        {
            request = requestId,
            investigation,
            records = _captures.Count(investigation),
            via = actor.Via,
        }, GovernanceJson.Options);
        var record = new GovernanceEntry(actor.PersonId, GovernanceAction.RecordsBlocked, personId, details);
        _investigations.Block(investigation, new RecordsBlock(requestId, actor.PersonId, at), record);
    }

    private IEnumerable<Investigation> Naming(string personId) =>
        _state.Investigations.All.Where(i => i.WasApproved && string.Equals(i.SubjectId, personId, StringComparison.Ordinal));
}
