namespace WebProxy.Governance;

/// <summary>What kind of refusal a <see cref="Problem"/> is; the admin API maps each to one status code.</summary>
public enum ProblemKind
{
    /// <summary>The input is malformed or incomplete (400).</summary>
    Invalid,

    /// <summary>The person acting may not do this (403).</summary>
    Forbidden,

    /// <summary>The thing asked about does not exist, or the person may not know that it does (404).</summary>
    NotFound,

    /// <summary>The state is in the way: already revoked, already ended, still someone's manager (409).</summary>
    Conflict,

    /// <summary>Too many failed sign-ins; try again later (429).</summary>
    TooManyAttempts,
}
