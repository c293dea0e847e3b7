using WebProxy.Policy.Categories;

namespace WebProxy.Categories;

/// <summary>What an import read: per category counts, the aliases met, and the malformed lines with file and line.</summary>
/// <param name="Source">The source, described without credentials or query (a path, or <c>https://host/path</c>).</param>
/// <param name="Categories">Per list category, in index order.</param>
/// <param name="Aliases">UT1 alias folders (<c>porn</c> → <c>adult</c>); recorded, never followed as links.</param>
/// <param name="ProblemCount">Every malformed line.</param>
/// <param name="Problems">The first <see cref="CategoryIndexBuilder.MaxProblemsKept"/> malformed lines.</param>
/// <param name="Notes">Things skipped on purpose that an operator may want to know (a symlink pointing outside the
/// source, a requested category the source lacks).</param>
public sealed record ImportReport(
    string Source,
    IReadOnlyList<CategoryImportStats> Categories,
    IReadOnlyDictionary<string, string> Aliases,
    int ProblemCount,
    IReadOnlyList<ParseProblem> Problems,
    IReadOnlyList<string> Notes)
{
    /// <summary>Entries over all categories.</summary>
    public int Entries => Categories.Sum(c => c.Entries);

    /// <summary>The stats of <paramref name="category"/>, or null.</summary>
    public CategoryImportStats? Find(string category) =>
        Categories.FirstOrDefault(c => string.Equals(c.Category, category, StringComparison.Ordinal));
}
