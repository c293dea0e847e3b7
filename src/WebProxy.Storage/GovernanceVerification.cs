namespace WebProxy.Storage;

/// <summary>The outcome of <see cref="GovernanceLogVerifier.Verify"/>.</summary>
/// <param name="Problem"><see cref="GovernanceProblem.None"/> when the log is intact.</param>
/// <param name="Count">Records verified: all of them when intact, otherwise the good ones before the first bad one.</param>
/// <param name="FirstBadSequence">The first record that is wrong or missing; null when intact, or when only the head table is.</param>
/// <param name="Reason">A plain-words explanation, for the CLI and the admin pages.</param>
/// <param name="Head">The log's last record as found (null for an empty log).</param>
public sealed record GovernanceVerification(
    GovernanceProblem Problem,
    long Count,
    long? FirstBadSequence,
    string Reason,
    GovernanceHead? Head)
{
    /// <summary>True when no problem was found.</summary>
    public bool IsValid => Problem == GovernanceProblem.None;
}
