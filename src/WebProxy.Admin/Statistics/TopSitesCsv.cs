using System.Globalization;
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
    public const string ContentType = "text/csv; charset=utf-8; header=present";

    public const string Header = "rank,site,requests,bytes_to_client,bytes_to_origin,blocked,visitors_on_busiest_day";

    public const string OtherSites = "(other sites)";

    public const string Total = "(total)";

    public static string Write(TopSitesReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder().Append(Header).Append("\r\n");
        foreach (var site in report.Sites)
        {
            Row(csv, Number(site.Rank), site.Site, site.Requests, site.BytesToClient, site.BytesToOrigin, site.Blocked, Number(site.VisitorsOnBusiestDay));
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
        return new CsvResult(Write(report), disposition.ToString());
    }

    private static void Row(StringBuilder csv, string rank, string site, long requests, long toClient, long toOrigin, long blocked, string visitors) =>
        csv.AppendJoin(',', rank, Field(site), Number(requests), Number(toClient), Number(toOrigin), Number(blocked), visitors).Append("\r\n");

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    // Quoted when it holds a separator, a quote or a line end (RFC 4180 §2). A value a spreadsheet would run as a
    // formula (=, +, -, @ first) is prefixed with an apostrophe: hosts come from clients' requests.
    private static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    private sealed class CsvResult(string csv, string disposition) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.ContentType = ContentType;
            response.Headers.ContentDisposition = disposition;
            response.Headers.CacheControl = "no-store";
            response.Headers.XContentTypeOptions = "nosniff";
            return response.WriteAsync(csv, httpContext.RequestAborted);
        }
    }
}
