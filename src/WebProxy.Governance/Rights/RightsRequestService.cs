using System.Text.Json;
using WebProxy.Policy.Identity;
using WebProxy.Storage;

namespace WebProxy.Governance.Rights;

/// <summary>
/// Article 8: any person in the directory may ask for their data to be corrected, completed, deleted or blocked; a
/// privacy officer answers within four weeks, granting (saying what was done) or refusing (giving reasons). Each
/// filing and each answer is written in one transaction with its governance record (<c>rights_request_filed</c>,
/// <c>rights_request_answered</c>). The records carry a SHA-256 of the free text, not the text itself: a request to
/// delete data often quotes it, and the log is never deleted.
/// </summary>
public sealed class RightsRequestService
{
    /// <summary>How long a privacy officer has to answer: four weeks (article 8).</summary>
    public static readonly TimeSpan AnswerPeriod = TimeSpan.FromDays(28);

    /// <summary>The longest text a request or an answer may have.</summary>
    public const int MaxTextLength = 4000;

    private readonly GovernanceState _state;
    private readonly RightsRequestStore _store;
    private readonly CapturedRequestRights _captured;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _writeLock = new();

    public RightsRequestService(GovernanceState state, RightsRequestStore store, CaptureStore captures, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(captures);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _state = state;
        _store = store;
        _captured = new CapturedRequestRights(state, captures);
        _timeProvider = timeProvider;
    }

    /// <summary>Files a request about <paramref name="actor"/>'s own data; it is due <see cref="AnswerPeriod"/> after now.</summary>
    public Outcome<RightsRequest> File(Actor actor, RightsRequestFiling filing)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(filing);
        lock (_writeLock)
        {
            _state.Refresh();
            if (_state.Directory.Find(actor.PersonId) is not { } person)
            {
                return Problem.Forbidden("actor", $"'{actor.PersonId}' is not in the directory; rights requests are filed by the people in it");
            }

            if (string.IsNullOrWhiteSpace(filing.Kind))
            {
                return Problem.Invalid("kind", $"say what you ask for: one of {string.Join(", ", RightsRequestNames.KindNames)}");
            }

            if (!RightsRequestNames.TryParse(filing.Kind.Trim(), out RightsRequestKind kind))
            {
                return Problem.Invalid("kind", $"unknown kind '{filing.Kind}'; known are {string.Join(", ", RightsRequestNames.KindNames)}");
            }

            if (CheckText(filing.Text, "say which data it is about and what should change") is { } textProblem)
            {
                return textProblem;
            }

            var now = _timeProvider.GetUtcNow();
            var request = new RightsRequest(Guid.NewGuid(), person.Id, kind, filing.Text!.Trim(), now, now + AnswerPeriod);
            var details = JsonSerializer.Serialize(new
            {
                request = request.Id,
                kind = RightsRequestNames.Name(kind),
                filedAt = request.FiledAt,
                dueAt = request.DueAt,
                textSha256 = GovernanceJson.Sha256(request.Text),
                via = actor.Via,
            }, GovernanceJson.Options);
            _store.File(request, new GovernanceEntry(actor.PersonId, GovernanceAction.RightsRequestFiled, person.Id, details));
            return request;
        }
    }

    /// <summary>
    /// Answers an open request: privacy officers only, with what was done (granted) or the reasons (refused). An
    /// answer after the due date is still accepted, and recorded as late. Granting a deletion request may erase the
    /// requests captured about the person (<see cref="RightsRequestAnswer.EraseCapturedRequests"/>), granting a
    /// blocking request may block them (<see cref="RightsRequestAnswer.BlockCapturedRequests"/>), see
    /// <see cref="CapturedRequestRights"/>; the answer's record then holds how many records went or investigations
    /// were blocked.
    /// </summary>
    public Outcome<RightsRequest> Answer(Actor actor, Guid id, RightsRequestAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(answer);
        lock (_writeLock)
        {
            _state.Refresh();
            if (!IsPrivacyOfficer(actor))
            {
                return Problem.Forbidden("actor", $"'{actor.PersonId}' is not a privacy officer; only a privacy officer answers rights requests (article 8)");
            }

            if (_store.Find(id) is not { } request)
            {
                return Problem.NotFound("id", $"there is no rights request {id}");
            }

            if (request.IsAnswered)
            {
                return Problem.Conflict("id", $"rights request {id} was answered already, by '{request.AnsweredBy}' at {request.AnsweredAt:O}");
            }

            // Nobody decides about themselves (as nobody grants themselves an exemption or approves their own
            // investigation request): an officer's own request is answered by another privacy officer.
            if (string.Equals(actor.PersonId, request.PersonId, StringComparison.Ordinal))
            {
                return Problem.Forbidden("actor", $"'{actor.PersonId}' filed this request; another privacy officer answers it");
            }

            if (string.IsNullOrWhiteSpace(answer.Outcome))
            {
                return Problem.Invalid("outcome", $"the outcome is required: {string.Join(" or ", RightsRequestNames.OutcomeNames)}");
            }

            if (!RightsRequestNames.TryParse(answer.Outcome.Trim(), out RightsRequestOutcome outcome))
            {
                return Problem.Invalid("outcome", $"unknown outcome '{answer.Outcome}'; known are {string.Join(", ", RightsRequestNames.OutcomeNames)}");
            }

            var missing = outcome == RightsRequestOutcome.Refused
                ? "a refusal needs reasons (article 8); they are given to the person"
                : "say what was done: which data was corrected, completed, deleted or blocked";
            if (CheckText(answer.Text, missing) is { } textProblem)
            {
                return textProblem;
            }

            var now = _timeProvider.GetUtcNow();
            var erase = answer.EraseCapturedRequests == true;
            if (erase && Check(request, outcome, RightsRequestKind.Delete, "eraseCapturedRequests", now) is { } erasureProblem)
            {
                return erasureProblem;
            }

            var block = answer.BlockCapturedRequests == true;
            if (block && Check(request, outcome, RightsRequestKind.Block, "blockCapturedRequests", now) is { } blockProblem)
            {
                return blockProblem;
            }

            // What the answer will do is fixed now and recorded with it; the answer is claimed first, so a request
            // answered meanwhile by another process loses nothing, and only then is it carried out.
            var toErase = erase ? _captured.ErasurePlan(request.PersonId) : null;
            var toBlock = block ? _captured.BlockPlan(request.PersonId) : null;
            var text = answer.Text!.Trim();
            var details = JsonSerializer.Serialize(new
            {
                request = request.Id,
                kind = RightsRequestNames.Name(request.Kind),
                outcome = RightsRequestNames.Name(outcome),
                dueAt = request.DueAt,
                late = now >= request.DueAt,
                answerSha256 = GovernanceJson.Sha256(text),
                erasedCapturedRequests = toErase?.Sum(e => e.Count),
                erasedInvestigations = toErase?.Select(e => e.Investigation).ToArray(),
                blockedInvestigations = toBlock,
                via = actor.Via,
            }, GovernanceJson.Options);
            var record = new GovernanceEntry(actor.PersonId, GovernanceAction.RightsRequestAnswered, request.PersonId, details);
            if (_store.Answer(id, actor.PersonId, now, outcome, text, record) is null)
            {
                return Problem.Conflict("id", $"rights request {id} was answered meanwhile");
            }

            if (toErase is not null)
            {
                _captured.Erase(actor, request.PersonId, request.Id, toErase);
            }

            if (toBlock is not null)
            {
                _captured.Block(actor, request.PersonId, request.Id, toBlock, now);
            }

            return _store.Find(id)!;
        }
    }

    /// <summary>
    /// At start, before anything is served: places the blocks that granted answers recorded but a stop in between left
    /// undone (the answer is written first, see <see cref="Answer"/>); returns how many.
    /// </summary>
    /// <param name="onRecord">The governance records to go by, oldest first (the answers among them are read).</param>
    public int CompleteInterruptedBlocks(IEnumerable<GovernanceRecord> onRecord)
    {
        lock (_writeLock)
        {
            return _captured.CompleteBlocks(onRecord);
        }
    }

    /// <summary>The requests <paramref name="actor"/> filed, answered or not; their own data, so no purpose and no record.</summary>
    public Outcome<IReadOnlyList<RightsRequest>> Mine(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (_state.Directory.Find(actor.PersonId) is null)
        {
            return Problem.Forbidden("actor", $"'{actor.PersonId}' is not in the directory");
        }

        return _store.ForPerson(actor.PersonId).ToArray();
    }

    /// <summary>
    /// The unanswered requests, oldest due date first, or only the overdue ones at <paramref name="now"/>: privacy
    /// officers only. They are other people's data: a <paramref name="purpose"/> is required and each person read
    /// about gets a <c>personal_data_read</c> record.
    /// </summary>
    public Outcome<IReadOnlyList<RightsRequest>> ListOpen(Actor actor, bool overdueOnly, DateTimeOffset now, string? purpose)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!IsPrivacyOfficer(actor))
        {
            return Problem.Forbidden("actor", $"'{actor.PersonId}' is not a privacy officer; only a privacy officer lists the rights requests");
        }

        var open = _store.Unanswered().Where(r => !overdueOnly || r.IsOverdue(now)).ToArray();
        if (PersonalDataReads.Record(_state.Log, actor, open.Select(r => r.PersonId), "rights-requests", purpose) is { } problem)
        {
            return problem;
        }

        return open;
    }

    /// <summary><see cref="ListOpen(Actor, bool, DateTimeOffset, string?)"/> at the clock's now.</summary>
    public Outcome<IReadOnlyList<RightsRequest>> ListOpen(Actor actor, bool overdueOnly, string? purpose) =>
        ListOpen(actor, overdueOnly, _timeProvider.GetUtcNow(), purpose);

    /// <summary>How many requests are unanswered at <paramref name="now"/> while their due date has come (the gauge).</summary>
    public int CountOverdue(DateTimeOffset now) => _store.CountOverdue(now);

    private bool IsPrivacyOfficer(Actor actor) =>
        _state.Directory.Find(actor.PersonId) is { } person && person.HasRole(Role.PrivacyOfficer);

    /// <summary>Whether the erasure or block <paramref name="field"/> asks for goes with this answer, now.</summary>
    private Problem? Check(RightsRequest request, RightsRequestOutcome outcome, RightsRequestKind kind, string field, DateTimeOffset now)
    {
        if (outcome != RightsRequestOutcome.Granted || request.Kind != kind)
        {
            return Problem.Invalid(field, kind == RightsRequestKind.Delete
                ? "erasing captured requests goes with granting a deletion request"
                : "blocking captured requests goes with granting a blocking request");
        }

        return _captured.Check(request.PersonId, now, field);
    }

    private static Problem? CheckText(string? text, string missing)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Problem.Invalid("text", missing);
        }

        return text.Trim().Length > MaxTextLength
            ? Problem.Invalid("text", $"the text is longer than {MaxTextLength} characters")
            : null;
    }

}
