namespace WebProxy.Policy.Rules;

/// <summary>One list category mapped to the regulation (an entry of <c>categories/mapping.json</c>).</summary>
/// <param name="ListCategory">The canonical list category name, e.g. <c>agressif</c>.</param>
/// <param name="Category">The regulation category it enforces.</param>
/// <param name="Article">The article of the regulation, e.g. <c>5.4</c>.</param>
/// <param name="Blocked">Whether the list blocks; false maps it (documented, counted in metrics later) without blocking.</param>
/// <param name="Aliases">Other names of the same list (UT1's symlinks), e.g. <c>aggressive</c>.</param>
/// <param name="Note">Why the list is mapped this way.</param>
public sealed record CategoryRule(
    string ListCategory,
    RegulationCategory Category,
    string Article,
    bool Blocked,
    IReadOnlyList<string> Aliases,
    string? Note);
