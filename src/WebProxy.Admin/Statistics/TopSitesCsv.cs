using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using WebProxy.Statistics.Reports;

namespace WebProxy.Admin.Statistics;

/// <summary>
/// The top-sites report as CSV (RFC 4180: comma-separated, CRLF line ends, a header row), for a spreadsheet. One row
/// per named site, then a row <c>(other sites)</c> and a row <c>(total)</c> with an empty rank and no visitor figure,
/// so the file adds up like the page. Parentheses cannot occur in a site name, so those rows cannot be mistaken for
/// sites.
/// </summary>
internal static class TopSitesCsv
{
    public const string ContentType = CsvText.ContentType;

    public const string Header = "rank,site,requests,bytes_to_client,bytes_to_origin,blocked,visitors_on_busiest_day";

    public const string OtherSites = "(other sites)";

    public const string Total = "(total)";

    public static string Write(TopSitesReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder().Append(Header).Append("\r\n");
        foreach (var site in report.Sites)
        {
            Row(csv, CsvText.Number(site.Rank), site.Site, site.Requests, site.BytesToClient, site.BytesToOrigin, site.Blocked, CsvText.Number(site.VisitorsOnBusiestDay));
        }

        var other = report.OtherSites;
        Row(csv, string.Empty, OtherSites, other.Requests, other.BytesToClient, other.BytesToOrigin, other.Blocked, string.Empty);
        var total = report.Total;
        Row(csv, string.Empty, Total, total.Requests, total.BytesToClient, total.BytesToOrigin, total.Blocked, string.Empty);
        return csv.ToString();
    }

    /// <summary>An attachment named after the period and category: <c>top-sites-week-2025-03-24-gambling.csv</c>.</summary>
    public static IResult Result(TopSitesReport report)
    {
        var name = $"top-sites-{ReportPeriodKinds.Name(report.Period.Kind)}-{ReportPeriod.Format(report.Period.FirstDay)}"
            + (report.Category is { } category ? $"-{category}" : string.Empty) + ".csv";
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(name);
        return CsvText.Download(Write(report), disposition.ToString());
    }

    private static void Row(StringBuilder csv, string rank, string site, long requests, long toClient, long toOrigin, long blocked, string visitors) =>
        csv.AppendJoin(',', rank, CsvText.Field(site), CsvText.Number(requests), CsvText.Number(toClient), CsvText.Number(toOrigin), CsvText.Number(blocked), visitors).Append("\r\n");
}
