using WebProxy.Policy;

namespace WebProxy.Storage;

/// <summary>
/// The stable lower-case names of <see cref="RightsRequestKind"/> and <see cref="RightsRequestOutcome"/>, as the
/// admin API, the governance records and the database use them.
/// </summary>
public static class RightsRequestNames
{
    private static readonly string[] Kinds = ["correct", "complete", "delete", "block"];
    private static readonly string[] Outcomes = ["granted", "refused"];

    /// <summary>Every kind name, in declaration order.</summary>
    public static IReadOnlyList<string> KindNames => Kinds;

    /// <summary>Every outcome name, in declaration order.</summary>
    public static IReadOnlyList<string> OutcomeNames => Outcomes;

    /// <summary>The name of a kind: <c>correct</c>, <c>complete</c>, <c>delete</c> or <c>block</c>.</summary>
    public static string Name(RightsRequestKind kind) => EnumNames.Lookup(Kinds, (int)kind, kind);

    /// <summary>The name of an outcome: <c>granted</c> or <c>refused</c>.</summary>
    public static string Name(RightsRequestOutcome outcome) => EnumNames.Lookup(Outcomes, (int)outcome, outcome);

    /// <summary>Reads a kind name; exact, lower-case only.</summary>
    public static bool TryParse(string? name, out RightsRequestKind kind) => EnumNames.TryParse(Kinds, name, out kind);

    /// <summary>Reads an outcome name; exact, lower-case only.</summary>
    public static bool TryParse(string? name, out RightsRequestOutcome outcome) => EnumNames.TryParse(Outcomes, name, out outcome);
}
