using WebProxy.Policy.Exemptions;
using WebProxy.Policy.Investigations;

namespace WebProxy.Governance;

/// <summary>
/// Why a governance action was refused: the kind, the input field it is about (the admin API's JSON name, which the
/// command line shows as its option), and the reason in plain words. Expected refusals are values, not exceptions,
/// so the API turns them into RFC 9457 problem details and the command line into one line and exit code 1.
/// </summary>
public sealed record Problem(ProblemKind Kind, string Field, string Reason)
{
    /// <summary>For <see cref="ProblemKind.TooManyAttempts"/>: how long until another attempt is checked.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static Problem Invalid(string field, string reason) => new(ProblemKind.Invalid, field, reason);

    public static Problem Forbidden(string field, string reason) => new(ProblemKind.Forbidden, field, reason);

    public static Problem NotFound(string field, string reason) => new(ProblemKind.NotFound, field, reason);

    public static Problem Conflict(string field, string reason) => new(ProblemKind.Conflict, field, reason);

    /// <summary>The same refusal from the pure exemption rules.</summary>
    public static Problem From(ExemptionProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var kind = problem.Kind switch
        {
            ExemptionProblemKind.Forbidden => ProblemKind.Forbidden,
            ExemptionProblemKind.Conflict => ProblemKind.Conflict,
            _ => ProblemKind.Invalid,
        };
        return new Problem(kind, problem.Field, problem.Reason);
    }

    /// <summary>The same refusal from the pure investigation rules.</summary>
    public static Problem From(InvestigationProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var kind = problem.Kind switch
        {
            InvestigationProblemKind.Forbidden => ProblemKind.Forbidden,
            InvestigationProblemKind.Conflict => ProblemKind.Conflict,
            _ => ProblemKind.Invalid,
        };
        return new Problem(kind, problem.Field, problem.Reason);
    }

    public override string ToString() => $"{Field}: {Reason}";
}
