namespace WebProxy.Policy.Categories;

/// <summary>What loading list text produced: counts, and the problems with file and line.</summary>
/// <param name="Lines">Lines read.</param>
/// <param name="Entries">Lines that were added as entries.</param>
/// <param name="Removals">Diff-file <c>-</c> lines applied.</param>
/// <param name="Skipped">Blank and comment lines.</param>
/// <param name="ProblemCount">Every problem line, including those beyond <see cref="Problems"/>.</param>
/// <param name="Problems">The first <see cref="CategoryIndexBuilder.MaxProblemsKept"/> problems, in the order met.</param>
public sealed record ListLoadReport(
    int Lines,
    int Entries,
    int Removals,
    int Skipped,
    int ProblemCount,
    IReadOnlyList<ParseProblem> Problems);
