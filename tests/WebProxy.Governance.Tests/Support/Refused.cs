namespace WebProxy.Governance.Tests.Support;

/// <summary>Asserts that a governance action was refused, and why.</summary>
internal static class Refused
{
    public static Problem With<T>(Outcome<T> outcome, ProblemKind kind, string field)
    {
        Assert.False(outcome.Succeeded, "expected a refusal, but the action succeeded");
        Assert.Equal((kind, field), (outcome.Problem.Kind, outcome.Problem.Field));
        return outcome.Problem;
    }
}
