namespace WebProxy.Policy.Exemptions;

/// <summary>
/// Why <see cref="ExemptionRules"/> refuses a grant or a revocation. Expected refusals are returned, not thrown (as
/// <see cref="Identity.PersonDirectory"/> reports its first problem), so the admin API and the CLI can turn them into
/// an RFC 9457 problem with the field name.
/// </summary>
/// <param name="Kind">Whether the input is invalid, the actor not permitted, or the state in the way.</param>
/// <param name="Field">The API field name the problem is about, e.g. <c>grantedBy</c>, <c>end</c>, <c>categories</c>.</param>
/// <param name="Reason">What is wrong, in plain words, naming the people involved by id.</param>
public sealed record ExemptionProblem(ExemptionProblemKind Kind, string Field, string Reason)
{
    public override string ToString() => $"{Field}: {Reason}";
}
