namespace WebProxy.Policy.Investigations;

/// <summary>
/// The stable lower-case names of <see cref="InvestigationScope"/>, <see cref="InvestigationState"/> and
/// <see cref="InvestigationKind"/>, as the admin API, the command line and the database use them.
/// </summary>
public static class InvestigationNames
{
    private static readonly string[] Scopes = ["traffic", "content"];
    private static readonly string[] States = ["requested", "approved", "refused", "withdrawn"];
    private static readonly string[] Kinds = ["regular", "political-office-holder"];

    /// <summary>Every scope name, in declaration order.</summary>
    public static IReadOnlyList<string> ScopeNames => Scopes;

    /// <summary>The name of a scope: <c>traffic</c> or <c>content</c>.</summary>
    public static string Name(InvestigationScope scope) => EnumNames.Lookup(Scopes, (int)scope, scope);

    /// <summary>The name of a state: <c>requested</c>, <c>approved</c>, <c>refused</c> or <c>withdrawn</c>.</summary>
    public static string Name(InvestigationState state) => EnumNames.Lookup(States, (int)state, state);

    /// <summary>The name of a kind: <c>regular</c> or <c>political-office-holder</c>.</summary>
    public static string Name(InvestigationKind kind) => EnumNames.Lookup(Kinds, (int)kind, kind);

    /// <summary>Reads a scope name; exact, lower-case only.</summary>
    public static bool TryParse(string? name, out InvestigationScope scope) => EnumNames.TryParse(Scopes, name, out scope);

    /// <summary>Reads a state name; exact, lower-case only.</summary>
    public static bool TryParse(string? name, out InvestigationState state) => EnumNames.TryParse(States, name, out state);

    /// <summary>Reads a kind name; exact, lower-case only.</summary>
    public static bool TryParse(string? name, out InvestigationKind kind) => EnumNames.TryParse(Kinds, name, out kind);
}
