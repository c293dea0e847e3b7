using WebProxy.Storage;

namespace WebProxy.Governance;

/// <summary>Reading and checking the governance log through the admin API, with <see cref="AdminAccess"/>'s rules.</summary>
public sealed class GovernanceLogService
{
    /// <summary>The longest period one read may cover, so a read stays a deliberate, bounded look.</summary>
    public static readonly TimeSpan MaxReadPeriod = TimeSpan.FromDays(366);

    private readonly GovernanceState _state;

    public GovernanceLogService(GovernanceState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _state = state;
    }

    /// <summary>
    /// The records from <paramref name="from"/> until <paramref name="to"/>, optionally about one person. Records
    /// about people <paramref name="actor"/> may not read about are left out (a named subject is refused outright).
    /// Reading records about others is itself a read of personal data, recorded with the purpose.
    /// </summary>
    public Outcome<IReadOnlyList<GovernanceRecord>> Read(Actor actor, DateTimeOffset? from, DateTimeOffset? to, string? subject, string? purpose)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var directory = _state.Directory;
        if (directory.Find(actor.PersonId) is not { } person || !AdminAccess.CanReadLog(person))
        {
            return Problem.Forbidden("actor", $"'{actor.PersonId}' may not read the governance log; the privacy officer, the municipal secretary and the security officer may");
        }

        if (from is null || to is null)
        {
            return Problem.Invalid(from is null ? "from" : "to", "the period to read is required (from, to)");
        }

        if (to <= from)
        {
            return Problem.Invalid("to", $"the end ({to:O}) must be after the start ({from:O})");
        }

        if (to - from > MaxReadPeriod)
        {
            return Problem.Invalid("to", $"one read covers at most {MaxReadPeriod.Days} days");
        }

        if (subject is not null && !AdminAccess.CanReadLogAbout(person, subject, directory))
        {
            return Problem.Forbidden("subject", $"records about '{subject}' are readable by the privacy officer only (article 6.6)");
        }

        if (string.IsNullOrWhiteSpace(purpose))
        {
            return Problem.Invalid("purpose", "reading the governance log needs a stated purpose (article 4.3); it is written to the log");
        }

        var records = _state.Log.Read(from.Value, to.Value, subject)
            .Where(r => AdminAccess.CanReadLogAbout(person, r.Subject, directory))
            .ToArray();
        if (PersonalDataReads.Record(_state.Log, actor, records.Where(r => r.Subject is not null).Select(r => r.Subject!), "governance-log", purpose) is { } problem)
        {
            return problem;
        }

        return records;
    }

    /// <summary>Checks the chain (no personal data in the answer).</summary>
    public Outcome<GovernanceVerification> Verify(Actor actor, GovernanceHead? exportedHead)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (_state.Directory.Find(actor.PersonId) is not { } person || !AdminAccess.CanVerifyLog(person))
        {
            return Problem.Forbidden("actor", $"'{actor.PersonId}' may not check the governance log");
        }

        return _state.Log.Verify(exportedHead);
    }
}
