using System.Text.Json;
using WebProxy.Policy.Investigations;
using WebProxy.Storage;

namespace WebProxy.Governance.Rights;

/// <summary>
/// Article 8, the right of access: the signed-in person's overview of everything held about them
/// (<see cref="SubjectAccessReport"/>). Only ever about the actor themselves, so — as for every read of one's own data
/// (<see cref="PersonalDataReads"/>) — it needs no purpose and writes nothing to the governance log. (The command
/// line records its overviews itself: there the actor is only asserted with <c>--by</c>.)
/// </summary>
/// <remarks>
/// An investigation is shown only once <see cref="InvestigationRules.IsDisclosedToSubject"/> allows it. Until then
/// the governance records that would reveal it are left out too: those naming it in their details, and reads of
/// investigation data about the person (a reader of the overview must not learn of it from the log either).
/// </remarks>
public sealed class SubjectAccessService
{
    private static readonly string[] InvestigationReads = ["investigation", "investigations"];

    private readonly GovernanceState _state;
    private readonly CaptureStore _captures;
    private readonly RightsRequestStore _requests;
    private readonly TimeProvider _timeProvider;

    public SubjectAccessService(GovernanceState state, CaptureStore captures, RightsRequestStore requests, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(captures);
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _state = state;
        _captures = captures;
        _requests = requests;
        _timeProvider = timeProvider;
    }

    /// <summary>Everything held about <paramref name="actor"/>, who must be in the directory.</summary>
    public Outcome<SubjectAccessReport> Report(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        _state.Refresh();
        var directory = _state.Directory;
        if (directory.Find(actor.PersonId) is not { } person)
        {
            return Problem.Forbidden("actor", $"'{actor.PersonId}' is not in the directory; the overview is for the people in it");
        }

        var now = _timeProvider.GetUtcNow();
        var exemptions = _state.Exemptions.All
            .Where(e => IsSelf(person.Id, e.SubjectId))
            .Select(e => ExemptionView.Of(e, now))
            .ToArray();

        var naming = _state.Investigations.All.Where(i => IsSelf(person.Id, i.SubjectId)).ToArray();
        var undisclosed = naming.Where(i => !InvestigationRules.IsDisclosedToSubject(i, now)).Select(i => i.Id).ToHashSet();
        var investigations = naming
            .Where(i => !undisclosed.Contains(i.Id))
            .Select(i => SubjectInvestigationView.Of(i, i.WasApproved ? _captures.Read(i.Id) : []))
            .ToArray();

        var requests = _requests.ForPerson(person.Id).Select(r => RightsRequestView.Of(r, now)).ToArray();

        var log = _state.Log.Read(DateTimeOffset.MinValue, DateTimeOffset.MaxValue, person.Id)
            .Where(r => !Reveals(r, undisclosed))
            .Select(r => SubjectLogEntry.Of(r, directory))
            .ToArray();

        return new SubjectAccessReport(now, PersonView.Of(person, showProtected: true), exemptions, investigations, requests, log);
    }

    /// <summary>Whether <paramref name="record"/> would tell the person of an investigation not yet disclosed to them.</summary>
    private static bool Reveals(GovernanceRecord record, HashSet<Guid> undisclosed)
    {
        if (undisclosed.Count == 0)
        {
            return false;
        }

        try
        {
            using var details = JsonDocument.Parse(record.Details);
            var root = details.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            if (root.TryGetProperty("investigation", out var investigation)
                && investigation.ValueKind == JsonValueKind.String
                && investigation.TryGetGuid(out var id)
                && undisclosed.Contains(id))
            {
                return true;
            }

            return record.Action == GovernanceAction.PersonalDataRead
                && root.TryGetProperty("what", out var what)
                && what.ValueKind == JsonValueKind.String
                && InvestigationReads.Contains(what.GetString(), StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            // The log only takes valid JSON; a record that is not is shown as it is (the verifier reports it).
            return false;
        }
    }

    private static bool IsSelf(string personId, string other) => string.Equals(personId, other, StringComparison.Ordinal);
}
