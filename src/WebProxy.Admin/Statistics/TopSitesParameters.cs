using System.Globalization;
using WebProxy.Governance;
using WebProxy.Statistics.Reports;

namespace WebProxy.Admin.Statistics;

/// <summary>
/// The query of a top-sites request as typed (the API's parameters, the page's form), kept as text so the page can
/// show it again next to the problem: <c>period</c>, <c>date</c>, <c>to</c> (a range's last day), <c>category</c> and
/// <c>n</c>.
/// </summary>
internal sealed record TopSitesParameters(string? Period, string? Date, string? To, string? Category, string? N)
{
    /// <summary>The report to build, or the problem naming the parameter that is wrong.</summary>
    public Outcome<TopSitesQuery> Resolve(TimeZoneInfo zone, DateTimeOffset now)
    {
        ReportPeriod period;
        try
        {
            period = ReportPeriod.Parse(Period, Date, To, zone, now);
        }
        catch (ReportRequestException refused)
        {
            return Problem.Invalid(refused.Field, refused.Message);
        }

        var count = TopSitesReport.DefaultCount;
        if (!string.IsNullOrEmpty(N)
            && (!int.TryParse(N, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > TopSitesReport.MaxCount))
        {
            return Problem.Invalid("n", $"'{N}' is not a number of sites from 1 to {TopSitesReport.MaxCount}");
        }

        if (!string.IsNullOrEmpty(Category) && !StatisticsCategories.IsKnown(Category))
        {
            return Problem.Invalid("category", $"'{Category}' is not a category: use one of {string.Join(", ", StatisticsCategories.All)}, or none for all traffic");
        }

        return new TopSitesQuery(period, string.IsNullOrEmpty(Category) ? null : Category, count);
    }
}

/// <summary>A valid top-sites request.</summary>
/// <param name="Category">A rule name, or null for all traffic.</param>
/// <param name="Count">How many sites to name.</param>
internal sealed record TopSitesQuery(ReportPeriod Period, string? Category, int Count);
