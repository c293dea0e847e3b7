using System.Text.Json;
using WebProxy.Policy.Exemptions;
using WebProxy.Policy.Identity;
using WebProxy.Policy.Rules;
using WebProxy.Storage;

namespace WebProxy.Governance;

/// <summary>
/// Granting, revoking, listing and expiring exemptions (issue 4, article 5.4) — the one implementation behind the
/// admin API, the manager pages and the command line. The rules are <see cref="ExemptionRules"/>; this class adds who
/// acts, the clock, storage and the governance record, written in one transaction with the change.
/// </summary>
public sealed class ExemptionService
{
    private readonly GovernanceState _state;
    private readonly ExemptionRules _rules;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _writeLock = new();

    public ExemptionService(GovernanceState state, ExemptionRules rules, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _state = state;
        _rules = rules;
        _timeProvider = timeProvider;
    }

    /// <summary>The longest period a grant may cover.</summary>
    public TimeSpan MaxPeriod => _rules.Settings.MaxPeriod;

    /// <summary>Grants a research exemption; <paramref name="actor"/> is the grantor.</summary>
    public Outcome<Exemption> GrantResearch(Actor actor, ResearchGrantRequest request)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        var categories = new HashSet<RegulationCategory>();
        Problem? unknownCategory = null;
        foreach (var name in request.Categories ?? [])
        {
            if (RegulationCategoryNames.TryParse(name, out var category))
            {
                categories.Add(category);
            }
            else
            {
                unknownCategory ??= Problem.Invalid("categories",
                    $"unknown category '{name}'; known are {string.Join(", ", RegulationCategoryNames.All.Select(RegulationCategoryNames.Name))}");
            }
        }

        return Grant(actor, request.Start, request.End, unknownCategory, (id, start, end) => new ResearchExemption
        {
            Id = id,
            SubjectId = request.Subject ?? string.Empty,
            GrantedBy = actor.PersonId,
            Start = start,
            End = end,
            Reason = request.Reason?.Trim() ?? string.Empty,
            Categories = categories,
        });
    }

    /// <summary>Grants an oversized-transfer exemption; <paramref name="actor"/> is the grantor.</summary>
    public Outcome<Exemption> GrantSize(Actor actor, SizeGrantRequest request)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        return Grant(actor, request.Start, request.End, inputProblem: null, (id, start, end) => new SizeExemption
        {
            Id = id,
            SubjectId = request.Subject ?? string.Empty,
            GrantedBy = actor.PersonId,
            Start = start,
            End = end,
            Reason = request.Reason?.Trim() ?? string.Empty,
            MaxBytes = request.MaxBytes,
        });
    }

    /// <summary>Revokes an exemption; it stops applying at once.</summary>
    public Outcome<Exemption> Revoke(Actor actor, Guid id, string? reason)
    {
        ArgumentNullException.ThrowIfNull(actor);
        lock (_writeLock)
        {
            _state.Refresh();
            var directory = _state.Directory;
            var exemption = _state.Exemptions.Find(id);
            var person = directory.Find(actor.PersonId);
            // Someone who may not see the exemption learns nothing about it, not even that it exists. A grantor who
            // has left the directory may still revoke (ExemptionRules), so only people in it are checked here.
            if (exemption is null || (person is not null && !AdminAccess.CanSeeExemption(person, exemption, directory)))
            {
                return Problem.NotFound("id", $"there is no exemption {id}");
            }

            var now = _timeProvider.GetUtcNow();
            if (ExemptionRules.ValidateRevocation(exemption, actor.PersonId, directory, now) is { } problem)
            {
                return Problem.From(problem);
            }

            var details = Details(exemption, actor, ("revokeReasonSha256", string.IsNullOrWhiteSpace(reason) ? null : GovernanceJson.Sha256(reason.Trim())));
            var record = new GovernanceEntry(actor.PersonId, GovernanceAction.ExemptionRevoked, exemption.SubjectId, details);
            if (_state.ExemptionStore.Revoke(exemption.Id, now, actor.PersonId, record) is null)
            {
                return Problem.Conflict("id", $"exemption {id} was revoked meanwhile");
            }

            _state.Refresh();
            return _state.Exemptions.Find(id)!;
        }
    }

    /// <summary>
    /// The exemptions <paramref name="actor"/> may see (<see cref="AdminAccess.CanSeeExemption"/>) that match the
    /// query. Seeing anyone else's is a read of personal data: it needs a <paramref name="purpose"/> and writes one
    /// governance record per person read about.
    /// </summary>
    public Outcome<IReadOnlyList<Exemption>> List(Actor actor, ExemptionQuery query, string? purpose)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(query);
        var directory = _state.Directory;
        if (directory.Find(actor.PersonId) is not { } person)
        {
            return Problem.Forbidden("actor", $"'{actor.PersonId}' is not in the directory");
        }

        var now = _timeProvider.GetUtcNow();
        var visible = _state.Exemptions.All
            .Where(e => query.Subject is null || string.Equals(e.SubjectId, query.Subject, StringComparison.Ordinal))
            .Where(e => !query.ActiveOnly || ExemptionSet.IsActive(e, now))
            .Where(e => AdminAccess.CanSeeExemption(person, e, directory))
            .ToArray();
        if (PersonalDataReads.Record(_state.Log, actor, visible.Select(e => e.SubjectId), "exemptions", purpose) is { } problem)
        {
            return problem;
        }

        return visible;
    }

    /// <summary>One exemption, when <paramref name="actor"/> may see it; a read of personal data unless it is theirs.</summary>
    public Outcome<Exemption> Get(Actor actor, Guid id, string? purpose)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var directory = _state.Directory;
        if (directory.Find(actor.PersonId) is not { } person)
        {
            return Problem.Forbidden("actor", $"'{actor.PersonId}' is not in the directory");
        }

        if (_state.Exemptions.Find(id) is not { } exemption || !AdminAccess.CanSeeExemption(person, exemption, directory))
        {
            return Problem.NotFound("id", $"there is no exemption {id}");
        }

        if (PersonalDataReads.Record(_state.Log, actor, [exemption.SubjectId], "exemption", purpose) is { } problem)
        {
            return problem;
        }

        return exemption;
    }

    /// <summary>
    /// Writes the <c>exemption_expired</c> record of every exemption that ran to its end (the host calls this on a
    /// timer set to <see cref="ExemptionSet.NextChange"/>); returns how many it recorded.
    /// </summary>
    public int RecordExpiries()
    {
        lock (_writeLock)
        {
            _state.Refresh();
            var recorded = 0;
            foreach (var exemption in _state.Exemptions.Expired(_timeProvider.GetUtcNow()))
            {
                var details = Details(exemption, new Actor(Actor.SystemId, "timer"));
                var record = new GovernanceEntry(Actor.SystemId, GovernanceAction.ExemptionExpired, exemption.SubjectId, details);
                if (_state.ExemptionStore.RecordExpiry(exemption.Id, record) is not null)
                {
                    recorded++;
                }
            }

            _state.Refresh();
            return recorded;
        }
    }

    /// <summary>
    /// Validates and stores a grant. Who acts is checked before what is asked (as <see cref="ExemptionRules"/> does),
    /// so someone who may not grant learns nothing about the rest: input problems found before the rules ran
    /// (<paramref name="inputProblem"/>, a missing end) are reported only when the rules do not forbid the grant.
    /// </summary>
    private Outcome<Exemption> Grant(Actor actor, DateTimeOffset? start, DateTimeOffset? end, Problem? inputProblem,
        Func<Guid, DateTimeOffset, DateTimeOffset, Exemption> create)
    {
        if (end is null)
        {
            inputProblem ??= Problem.Invalid("end", "the end is required");
        }

        lock (_writeLock)
        {
            _state.Refresh();
            var now = _timeProvider.GetUtcNow();
            var exemption = create(Guid.NewGuid(), start ?? now, end ?? DateTimeOffset.MaxValue);
            var problem = exemption switch
            {
                ResearchExemption research => _rules.ValidateGrant(research, _state.Directory, now),
                SizeExemption size => _rules.ValidateGrant(size, _state.Directory, now),
                _ => throw new ArgumentException("Unknown kind of exemption."),
            };
            if (problem is { Kind: ExemptionProblemKind.Forbidden } || (problem is not null && inputProblem is null))
            {
                return Problem.From(problem);
            }

            if (inputProblem is not null)
            {
                return inputProblem;
            }

            var record = new GovernanceEntry(actor.PersonId, GovernanceAction.ExemptionGranted, exemption.SubjectId, Details(exemption, actor));
            _state.ExemptionStore.Grant(exemption, record);
            _state.Refresh();
            return exemption;
        }
    }

    /// <summary>
    /// The particulars a record of an exemption carries: who, which categories or size, which period and who granted
    /// it — the evidence of how control was exercised (article 6.1d), which the log keeps for good. The free-text
    /// reasons are there only as SHA-256 hashes: they are where sensitive detail about people lands, the log is never
    /// deleted, and the text itself lives in the exemption, which the retention deletes (article 7.1). The hash still
    /// proves which reason was given while the exemption exists.
    /// </summary>
    private static string Details(Exemption exemption, Actor actor, params (string Name, string? Value)[] extra)
    {
        var details = new Dictionary<string, object?>
        {
            ["exemption"] = exemption.Id,
            ["kind"] = exemption is ResearchExemption ? "research" : "size",
            ["grantedBy"] = exemption.GrantedBy,
            ["start"] = exemption.Start,
            ["end"] = exemption.End,
            ["reasonSha256"] = GovernanceJson.Sha256(exemption.Reason),
            ["via"] = actor.Via,
        };
        switch (exemption)
        {
            case ResearchExemption research:
                details["categories"] = research.Categories.Order().Select(RegulationCategoryNames.Name).ToArray();
                break;
            case SizeExemption size:
                details["maxBytes"] = size.MaxBytes;
                break;
        }

        foreach (var (name, value) in extra)
        {
            if (!string.IsNullOrEmpty(value))
            {
                details[name] = value;
            }
        }

        return JsonSerializer.Serialize(details, GovernanceJson.Options);
    }
}
