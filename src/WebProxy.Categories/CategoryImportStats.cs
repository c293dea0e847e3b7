namespace WebProxy.Categories;

/// <summary>What one list category contributed to an import.</summary>
/// <param name="Category">The list category, as the index names it.</param>
/// <param name="Folder">The source folder it was read from: the category itself, an alias target, or
/// <c>local/allow</c>/<c>local/deny</c>.</param>
/// <param name="Files">The list files read, as problems name them (e.g. <c>adult/domains</c>).</param>
/// <param name="Lines">Lines read.</param>
/// <param name="Entries">Lines loaded as entries.</param>
/// <param name="ProblemCount">Malformed lines, counted and skipped.</param>
public sealed record CategoryImportStats(
    string Category,
    string Folder,
    IReadOnlyList<string> Files,
    int Lines,
    int Entries,
    int ProblemCount);
