namespace WebProxy.Statistics.Reports;

/// <summary>
/// The kinds of period a report covers. The regulation's explanatory notes (toelichting on article 6.1a) speak of the
/// ten most visited sites without fixing a period; a day, an ISO week and a calendar month are what people ask for,
/// and a range of whole days covers the rest. The stable lower-case names (<see cref="ReportPeriodKinds"/>) are what
/// the admin API and the page take.
/// </summary>
public enum ReportPeriodKind
{
    /// <summary><c>day</c>: one local day (23 or 25 hours at a daylight-saving change).</summary>
    Day,

    /// <summary><c>week</c>: the ISO 8601 week (Monday to Sunday) containing the date.</summary>
    Week,

    /// <summary><c>month</c>: the calendar month containing the date.</summary>
    Month,

    /// <summary><c>range</c>: whole local days from a first to a last day, both included.</summary>
    Range,
}

/// <summary>The stable names of <see cref="ReportPeriodKind"/>.</summary>
public static class ReportPeriodKinds
{
    private static readonly string[] Names = ["day", "week", "month", "range"];

    /// <summary>Every kind, in declaration order.</summary>
    public static IReadOnlyList<ReportPeriodKind> All { get; } =
        [ReportPeriodKind.Day, ReportPeriodKind.Week, ReportPeriodKind.Month, ReportPeriodKind.Range];

    /// <summary>The stable lower-case name, e.g. <c>week</c>.</summary>
    public static string Name(ReportPeriodKind kind) =>
        (uint)kind < (uint)Names.Length
            ? Names[(int)kind]
            : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown report period kind.");

    /// <summary>Reads a stable name; exact, lower-case only.</summary>
    public static bool TryParse(string? name, out ReportPeriodKind kind)
    {
        var index = Array.IndexOf(Names, name);
        kind = index < 0 ? default : (ReportPeriodKind)index;
        return index >= 0;
    }
}
