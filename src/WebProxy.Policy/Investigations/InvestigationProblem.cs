namespace WebProxy.Policy.Investigations;

/// <summary>
/// Why <see cref="InvestigationRules"/> refuses an action. Returned, not thrown, like
/// <see cref="Exemptions.ExemptionProblem"/>. A refusal because the subject holds an article-6.6 role never names the
/// subject in <see cref="Reason"/>: the reason goes into the governance log.
/// </summary>
/// <param name="Kind">Whether the input is invalid, the actor not permitted, or the state in the way.</param>
/// <param name="Field">The API field name the problem is about, e.g. <c>subject</c>, <c>end</c>, <c>readers</c>.</param>
/// <param name="Reason">What is wrong, in plain words.</param>
public sealed record InvestigationProblem(InvestigationProblemKind Kind, string Field, string Reason)
{
    /// <summary>Whether this is the refusal of a subject protected by article 6.6 (the log records it without the subject).</summary>
    public bool IsProtectedSubject { get; init; }

    public override string ToString() => $"{Field}: {Reason}";
}
