namespace WebProxy.Policy.Exemptions;

/// <summary>What kind of refusal an <see cref="ExemptionProblem"/> is, so the admin API can pick the status code.</summary>
public enum ExemptionProblemKind
{
    /// <summary>The exemption itself is malformed: end before start, unknown category, empty reason (400).</summary>
    Invalid,

    /// <summary>The person acting may not do this: self-grant, not the direct manager, missing role (403).</summary>
    Forbidden,

    /// <summary>The exemption's state forbids it: already revoked, already ended (409).</summary>
    Conflict,
}
