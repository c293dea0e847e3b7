namespace WebProxy.Policy.Investigations;

/// <summary>What kind of refusal an <see cref="InvestigationProblem"/> is, so the admin API can pick the status code.</summary>
public enum InvestigationProblemKind
{
    /// <summary>The request itself is malformed: end before start, too long, blank purpose, unknown reader (400).</summary>
    Invalid,

    /// <summary>The person acting may not do this, or the subject may not be investigated (403).</summary>
    Forbidden,

    /// <summary>The investigation's state forbids it: already decided, not approved, already on hold (409).</summary>
    Conflict,
}
