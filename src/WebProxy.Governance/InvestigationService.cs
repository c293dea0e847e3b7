using System.Text.Json;
using WebProxy.Policy.Identity;
using WebProxy.Policy.Investigations;
using WebProxy.Storage;

namespace WebProxy.Governance;

/// <summary>
/// Requesting, deciding, withdrawing, holding and reading investigations (issue 6; articles 6.2, 6.3, 6.6, 6.7, 7.1)
/// — the one implementation behind the admin API and the command line. The rules are <see cref="InvestigationRules"/>;
/// this class adds who acts, the clock, storage and the governance record, written in one transaction with the change.
/// </summary>
/// <remarks>
/// <para>A refusal because the subject holds an article-6.6 role — at the request, at the approval, or a refusal by
/// the approver of someone who holds one by then — is recorded with no subject and with details that carry neither
/// the subject's id nor any free text (a purpose or a reason could name them). A refused request leaves no row; a
/// refusal at the approval turns the row to refused, with the fixed reason.</para>
/// <para>Any other refusal writes nothing, as for exemptions.</para>
/// </remarks>
public sealed class InvestigationService
{
    private readonly GovernanceState _state;
    private readonly InvestigationRules _rules;
    private readonly CaptureStore _captures;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _writeLock = new();

    public InvestigationService(GovernanceState state, InvestigationRules rules, CaptureStore captures, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(captures);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _state = state;
        _rules = rules;
        _captures = captures;
        _timeProvider = timeProvider;
    }

    /// <summary>The longest period an investigation may cover.</summary>
    public TimeSpan MaxPeriod => _rules.Settings.MaxPeriod;

    /// <summary>Requests an investigation; <paramref name="actor"/> is the requester.</summary>
    public Outcome<Investigation> Request(Actor actor, InvestigationRequest request)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        Problem? inputProblem = null;
        var scope = InvestigationScope.Traffic;
        if (request.Scope is not null && !InvestigationNames.TryParse(request.Scope, out scope))
        {
            inputProblem = Problem.Invalid("scope", $"unknown scope '{request.Scope}'; known are {string.Join(", ", InvestigationNames.ScopeNames)}");
        }

        if (request.End is null)
        {
            inputProblem ??= Problem.Invalid("end", "the end is required");
        }

        lock (_writeLock)
        {
            _state.Refresh();
            var directory = _state.Directory;
            var now = _timeProvider.GetUtcNow();
            var subjectId = request.Subject ?? string.Empty;
            var subject = subjectId.Length > 0 ? directory.Find(subjectId) : null;
            var investigation = new Investigation
            {
                Id = Guid.NewGuid(),
                SubjectId = subjectId,
                Kind = subject is null ? InvestigationKind.Regular : InvestigationRules.KindFor(subject),
                Purpose = request.Purpose?.Trim() ?? string.Empty,
                LegalGround = request.LegalGround?.Trim() ?? string.Empty,
                Scope = scope,
                Start = request.Start ?? now,
                End = request.End ?? DateTimeOffset.MaxValue,
                Readers = [.. (request.Readers ?? []).Select(r => r?.Trim() ?? string.Empty)],
                RequestedBy = actor.PersonId,
                RequestedAt = now,
            };

            // Who acts comes first (as for exemptions): input problems found before the rules ran are reported only
            // when the rules do not forbid the request.
            var problem = _rules.ValidateRequest(investigation, directory, now);
            if (problem is { IsProtectedSubject: true })
            {
                _state.Log.Append(ProtectedRefusal(actor, "request", investigationId: null));
                _state.Refresh();
                return Problem.From(problem);
            }

            if (problem is { Kind: InvestigationProblemKind.Forbidden } || (problem is not null && inputProblem is null))
            {
                return Problem.From(problem);
            }

            if (inputProblem is not null)
            {
                return inputProblem;
            }

            var details = Details(investigation, actor,
                ("purpose", investigation.Purpose), ("legalGround", investigation.LegalGround), ("requestedBy", investigation.RequestedBy));
            _state.InvestigationStore.Request(investigation, new GovernanceEntry(actor.PersonId, GovernanceAction.InvestigationRequested, investigation.SubjectId, details));
            _state.Refresh();
            return _state.Investigations.Find(investigation.Id)!;
        }
    }

    /// <summary>
    /// Approves a requested investigation; <paramref name="actor"/> is the approver. A subject who holds an
    /// article-6.6 role by now is refused instead: the investigation is stored as refused, recorded without the subject,
    /// and the answer is that refusal.
    /// </summary>
    public Outcome<Investigation> Approve(Actor actor, Guid id, InvestigationApprovalRequest request)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        lock (_writeLock)
        {
            if (Visible(actor, id) is not { } found)
            {
                return NotFound(id);
            }

            var (investigation, directory, now) = found;
            if (InvestigationRules.ValidateApproval(investigation, actor.PersonId, directory, now) is { } problem)
            {
                if (problem.IsProtectedSubject)
                {
                    return RefuseProtected(actor, investigation, now, problem);
                }

                return Problem.From(problem);
            }

            var decision = InvestigationDecision.Approval(actor.PersonId, now, request.DeferDisclosure);
            var details = Details(investigation, actor, ("decidedBy", actor.PersonId), ("deferDisclosure", request.DeferDisclosure));
            var record = new GovernanceEntry(actor.PersonId, GovernanceAction.InvestigationApproved, investigation.SubjectId, details);
            return Changed(id, _state.InvestigationStore.Decide(id, decision, record));
        }
    }

    /// <summary>Refuses a requested investigation, with a reason; <paramref name="actor"/> is the approver.</summary>
    public Outcome<Investigation> Refuse(Actor actor, Guid id, string? reason)
    {
        ArgumentNullException.ThrowIfNull(actor);
        lock (_writeLock)
        {
            if (Visible(actor, id) is not { } found)
            {
                return NotFound(id);
            }

            var (investigation, directory, now) = found;
            if (InvestigationRules.ValidateRefusal(investigation, actor.PersonId, reason, directory) is { } problem)
            {
                return Problem.From(problem);
            }

            // The approver's own words could name a subject who holds an article-6.6 role by now: refused as such.
            if (directory.Find(investigation.SubjectId) is { } subject && InvestigationRules.IsExcluded(subject))
            {
                return RefuseProtected(actor, investigation, now, problem: null);
            }

            var decision = InvestigationDecision.Refusal(actor.PersonId, now, reason!.Trim());
            var details = Details(investigation, actor, ("decidedBy", actor.PersonId), ("reason", decision.RefusalReason));
            var record = new GovernanceEntry(actor.PersonId, GovernanceAction.InvestigationRefused, investigation.SubjectId, details);
            return Changed(id, _state.InvestigationStore.Decide(id, decision, record));
        }
    }

    /// <summary>
    /// Withdraws a requested investigation, or stops an approved one before its end (recording stops at once); by the
    /// requester or the approving role.
    /// </summary>
    public Outcome<Investigation> Withdraw(Actor actor, Guid id, string? reason)
    {
        ArgumentNullException.ThrowIfNull(actor);
        lock (_writeLock)
        {
            if (Visible(actor, id) is not { } found)
            {
                return NotFound(id);
            }

            var (investigation, directory, now) = found;
            if (InvestigationRules.ValidateWithdrawal(investigation, actor.PersonId, directory, now) is { } problem)
            {
                return Problem.From(problem);
            }

            var details = Details(investigation, actor, ("withdrawnBy", actor.PersonId), ("reason", reason?.Trim()));
            var record = new GovernanceEntry(actor.PersonId, GovernanceAction.InvestigationWithdrawn, investigation.SubjectId, details);
            return Changed(id, _state.InvestigationStore.Withdraw(id, actor.PersonId, now, reason?.Trim(), record));
        }
    }

    /// <summary>Puts an approved investigation's records on legal hold (the municipal secretary, with a reason).</summary>
    public Outcome<Investigation> SetLegalHold(Actor actor, Guid id, string? reason)
    {
        ArgumentNullException.ThrowIfNull(actor);
        lock (_writeLock)
        {
            if (Visible(actor, id) is not { } found)
            {
                return NotFound(id);
            }

            var (investigation, directory, now) = found;
            if (InvestigationRules.ValidateLegalHold(investigation, actor.PersonId, reason, directory) is { } problem)
            {
                return Problem.From(problem);
            }

            var hold = new LegalHold(reason!.Trim(), actor.PersonId, now);
            var details = Details(investigation, actor, ("reason", hold.Reason));
            var record = new GovernanceEntry(actor.PersonId, GovernanceAction.LegalHoldSet, investigation.SubjectId, details);
            return Changed(id, _state.InvestigationStore.SetLegalHold(id, hold, record));
        }
    }

    /// <summary>Releases the legal hold on an investigation's records (the municipal secretary, with a reason).</summary>
    public Outcome<Investigation> ReleaseLegalHold(Actor actor, Guid id, string? reason)
    {
        ArgumentNullException.ThrowIfNull(actor);
        lock (_writeLock)
        {
            if (Visible(actor, id) is not { } found)
            {
                return NotFound(id);
            }

            var (investigation, directory, now) = found;
            if (InvestigationRules.ValidateLegalHoldRelease(investigation, actor.PersonId, reason, directory) is { } problem)
            {
                return Problem.From(problem);
            }

            var details = Details(investigation, actor, ("reason", reason!.Trim()));
            var record = new GovernanceEntry(actor.PersonId, GovernanceAction.LegalHoldReleased, investigation.SubjectId, details);
            return Changed(id, _state.InvestigationStore.ReleaseLegalHold(id, actor.PersonId, now, reason.Trim(), record));
        }
    }

    /// <summary>
    /// The report of an investigation: every request recorded for it. Only its named readers, only once approved,
    /// and only with a stated purpose; each read is written to the governance log (<c>investigation_report_read</c>,
    /// with the purpose, the number of records and the <paramref name="format"/>; an export counts as a read).
    /// Someone who may not know of the investigation is told it does not exist; someone who may know but is not a
    /// reader is refused (403).
    /// </summary>
    public Outcome<InvestigationReport> ReadReport(Actor actor, Guid id, string? purpose, string format = "report")
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(format);
        if (Visible(actor, id) is not { } found)
        {
            return NotFound(id);
        }

        var (investigation, directory, now) = found;
        if (InvestigationRules.ValidateRead(investigation, actor.PersonId, directory, now) is { } problem)
        {
            return Problem.From(problem);
        }

        if (string.IsNullOrWhiteSpace(purpose))
        {
            return Problem.Invalid("purpose", "reading an investigation's report needs a stated purpose (article 4.3); it is written to the governance log");
        }

        var records = _captures.Read(id);
        var details = JsonSerializer.Serialize(new { investigation = id, records = records.Count, format, via = actor.Via }, GovernanceJson.Options);
        _state.Log.Append(new GovernanceEntry(actor.PersonId, GovernanceAction.InvestigationReportRead, investigation.SubjectId, details, purpose.Trim()));
        return new InvestigationReport(investigation, records);
    }

    /// <summary>
    /// The investigations <paramref name="actor"/> may see (<see cref="InvestigationAccess.CanSee"/>), oldest first.
    /// Seeing anyone else's is a read of personal data: it needs a <paramref name="purpose"/> and writes one record per
    /// person read about.
    /// </summary>
    public Outcome<IReadOnlyList<Investigation>> List(Actor actor, string? purpose)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (_state.Directory.Find(actor.PersonId) is not { } person)
        {
            return Problem.Forbidden("actor", $"'{actor.PersonId}' is not in the directory");
        }

        var now = _timeProvider.GetUtcNow();
        var visible = _state.Investigations.All.Where(i => InvestigationAccess.CanSee(person, i, now)).ToArray();
        if (PersonalDataReads.Record(_state.Log, actor, visible.Select(i => i.SubjectId), "investigations", purpose) is { } problem)
        {
            return problem;
        }

        return visible;
    }

    /// <summary>One investigation, when <paramref name="actor"/> may see it; a read of personal data unless it is about them.</summary>
    public Outcome<Investigation> Get(Actor actor, Guid id, string? purpose)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (_state.Directory.Find(actor.PersonId) is null)
        {
            return Problem.Forbidden("actor", $"'{actor.PersonId}' is not in the directory");
        }

        if (Visible(actor, id) is not { } found)
        {
            return NotFound(id);
        }

        if (PersonalDataReads.Record(_state.Log, actor, [found.Investigation.SubjectId], "investigation", purpose) is { } problem)
        {
            return problem;
        }

        return found.Investigation;
    }

    /// <summary>
    /// The investigation with its directory and moment, after a refresh, when <paramref name="actor"/> is in the
    /// directory and may know of it; null otherwise (answered as not found, so nobody learns it exists).
    /// </summary>
    private (Investigation Investigation, PersonDirectory Directory, DateTimeOffset Now)? Visible(Actor actor, Guid id)
    {
        _state.Refresh();
        var directory = _state.Directory;
        var now = _timeProvider.GetUtcNow();
        return _state.Investigations.Find(id) is { } investigation
            && directory.Find(actor.PersonId) is { } person
            && InvestigationAccess.CanSee(person, investigation, now)
                ? (investigation, directory, now)
                : null;
    }

    /// <summary>
    /// Stores the refusal of an investigation whose subject holds an article-6.6 role, recorded without the subject,
    /// and answers with the refusal (<paramref name="problem"/>, or the fixed one).
    /// </summary>
    private Outcome<Investigation> RefuseProtected(Actor actor, Investigation investigation, DateTimeOffset now, InvestigationProblem? problem)
    {
        var decision = InvestigationDecision.Refusal(actor.PersonId, now, InvestigationRules.ProtectedSubjectReason);
        if (_state.InvestigationStore.Decide(investigation.Id, decision, ProtectedRefusal(actor, "approval", investigation.Id)) is null)
        {
            return Problem.Conflict("state", $"investigation {investigation.Id} was decided or withdrawn meanwhile");
        }

        _state.Refresh();
        return problem is null
            ? _state.Investigations.Find(investigation.Id)!
            : Problem.From(problem);
    }

    /// <summary>
    /// The record of a refusal because of article 6.6: no subject, and details without the subject's id, name or any
    /// free text (the purpose or a reason could name them) — only which stage refused it, who acted, and how.
    /// </summary>
    private static GovernanceEntry ProtectedRefusal(Actor actor, string stage, Guid? investigationId)
    {
        var details = new Dictionary<string, object?>
        {
            ["stage"] = stage,
            ["rule"] = "article 6.6: the subject holds a protected role",
            ["via"] = actor.Via,
        };
        if (investigationId is { } id)
        {
            details["investigation"] = id;
        }

        return new GovernanceEntry(actor.PersonId, GovernanceAction.InvestigationRefused, Subject: null,
            JsonSerializer.Serialize(details, GovernanceJson.Options));
    }

    /// <summary>After a conditional change: the investigation as stored now, or a conflict when it changed meanwhile.</summary>
    private Outcome<Investigation> Changed(Guid id, GovernanceRecord? record)
    {
        if (record is null)
        {
            return Problem.Conflict("state", $"investigation {id} was changed meanwhile (decided, withdrawn or held by someone else)");
        }

        _state.Refresh();
        return _state.Investigations.Find(id)!;
    }

    private static Problem NotFound(Guid id) => Problem.NotFound("id", $"there is no investigation {id}");

    /// <summary>The particulars every record of an investigation carries: enough to reconstruct it from the log alone.</summary>
    private static string Details(Investigation investigation, Actor actor, params (string Name, object? Value)[] extra)
    {
        var details = new Dictionary<string, object?>
        {
            ["investigation"] = investigation.Id,
            ["kind"] = InvestigationNames.Name(investigation.Kind),
            ["scope"] = InvestigationNames.Name(investigation.Scope),
            ["start"] = investigation.Start,
            ["end"] = investigation.End,
            ["readers"] = investigation.Readers,
            ["via"] = actor.Via,
        };
        foreach (var (name, value) in extra)
        {
            if (value is not null and not "")
            {
                details[name] = value;
            }
        }

        return JsonSerializer.Serialize(details, GovernanceJson.Options);
    }
}
