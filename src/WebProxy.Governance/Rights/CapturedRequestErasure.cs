using System.Text.Json;
using WebProxy.Policy.Investigations;
using WebProxy.Storage;

namespace WebProxy.Governance.Rights;

/// <summary>
/// Erases the requests captured about a person when a privacy officer grants their deletion request (article 8):
/// every investigation that named them and has stopped recording. It refuses, erasing nothing, while one is still
/// recording or on legal hold — weighty reasons keep data (article 7.1), and the officer must then refuse with those
/// reasons or wait. Each investigation's erasure is first written to the governance log (with the count, never the
/// data, and the person as subject so they see it), then done: a crash in between leaves a record the host re-applies
/// at the next start, as it re-applies every deletion after a restore from backup (article 7.2).
/// </summary>
internal sealed class CapturedRequestErasure
{
    private readonly GovernanceState _state;
    private readonly CaptureStore _captures;

    public CapturedRequestErasure(GovernanceState state, CaptureStore captures)
    {
        _state = state;
        _captures = captures;
    }

    /// <summary>Why the person's captured requests cannot be erased at <paramref name="now"/>; null when they can.</summary>
    public Problem? Check(string personId, DateTimeOffset now)
    {
        foreach (var investigation in Naming(personId))
        {
            if (investigation.IsOnLegalHold)
            {
                return Problem.Conflict("eraseCapturedRequests",
                    $"investigation {investigation.Id} is on legal hold ({investigation.LegalHold!.Reason}); its records are kept for it (article 7.1): refuse with that reason, or erase once the secretary released the hold");
            }

            if (investigation.CaptureEnd > now)
            {
                return Problem.Conflict("eraseCapturedRequests",
                    $"investigation {investigation.Id} records until {investigation.CaptureEnd:O}; its records can be erased once it ended");
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

    private IEnumerable<Investigation> Naming(string personId) =>
        _state.Investigations.All.Where(i => i.WasApproved && string.Equals(i.SubjectId, personId, StringComparison.Ordinal));
}
