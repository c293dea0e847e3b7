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
/// Each investigation's erasure is first written to the governance log (the count, never the data, with the person as
/// subject so they see it), then done: a crash in between leaves a record the host re-applies at the next start, as
/// it re-applies every deletion after a restore from backup (article 7.2). A block lives in the governance database
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
        _investigations = new InvestigationStore(state.Log);
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

    /// <summary>Erases them (after <see cref="Check"/> said it may), recording each investigation's erasure; returns the count.</summary>
    public int Erase(Actor actor, string personId, Guid requestId)
    {
        // Requests still buffered belong to the same investigations and must go too.
        _captures.Flush();
        var erased = 0;
        foreach (var investigation in Naming(personId))
        {
            var count = _captures.Count(investigation.Id);
            if (count == 0)
            {
                continue;
            }

            var details = JsonSerializer.Serialize(new
            {
                kind = DeletionKinds.Erasure,
                request = requestId,
                investigation = investigation.Id,
                count,
                via = actor.Via,
            }, GovernanceJson.Options);
            _state.Log.Append(new GovernanceEntry(actor.PersonId, GovernanceAction.RecordsDeleted, personId, details));
            erased += _captures.DeleteInvestigation(investigation.Id);
        }

        return erased;
    }

    /// <summary>
    /// Blocks the records of every investigation naming the person that is not blocked yet (after <see cref="Check"/>
    /// said it may), each with its <c>records_blocked</c> record; returns how many investigations that blocked.
    /// </summary>
    public int Block(Actor actor, string personId, Guid requestId, DateTimeOffset now)
    {
        var blocked = 0;
        foreach (var investigation in Naming(personId).Where(i => i.Block is null))
        {
            var details = JsonSerializer.Serialize(new
            {
                request = requestId,
                investigation = investigation.Id,
                records = _captures.Count(investigation.Id),
                via = actor.Via,
            }, GovernanceJson.Options);
            var record = new GovernanceEntry(actor.PersonId, GovernanceAction.RecordsBlocked, personId, details);
            if (_investigations.Block(investigation.Id, new RecordsBlock(requestId, actor.PersonId, now), record) is not null)
            {
                blocked++;
            }
        }

        _state.Refresh();
        return blocked;
    }

    private IEnumerable<Investigation> Naming(string personId) =>
        _state.Investigations.All.Where(i => i.WasApproved && string.Equals(i.SubjectId, personId, StringComparison.Ordinal));
}
