using System.Globalization;
using System.Text;
using WebProxy.Categories;

namespace WebProxy.Host.Commands;

/// <summary>An import report as an operator reads it on the terminal.</summary>
internal static class ImportReportText
{
    private const int ProblemsShown = 20;

    public static string Format(ImportReport report)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Imported from {report.Source}: {report.Entries} entries in {report.Categories.Count} list categories.\n");
        foreach (var category in report.Categories)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {category.Category,-16} {category.Entries,9} entries {category.ProblemCount,6} malformed lines skipped\n");
        }

        foreach (var (alias, target) in report.Aliases)
        {
            text.Append(CultureInfo.InvariantCulture, $"  alias {alias} -> {target}\n");
        }

        foreach (var problem in report.Problems.Take(ProblemsShown))
        {
            text.Append(CultureInfo.InvariantCulture, $"  {problem.File}:{problem.Line}: {problem.Reason}: {problem.Entry}\n");
        }

        if (report.ProblemCount > ProblemsShown)
        {
            text.Append(CultureInfo.InvariantCulture, $"  ... and {report.ProblemCount - ProblemsShown} more malformed lines\n");
        }

        foreach (var note in report.Notes)
        {
            text.Append("  note: ").Append(note).Append('\n');
        }

        return text.ToString();
    }
}
