using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using WebProxy.Governance;
using WebProxy.Policy.Investigations;
using WebProxy.Storage;

namespace WebProxy.Admin.Investigations;

/// <summary>
/// An investigation's report as CSV (RFC 4180: comma-separated, CRLF line ends, a header row), one row per recorded
/// request, oldest first. The <c>url</c> column exists only for a content-scope investigation: a traffic-scope export
/// has no column that could hold more than was approved (article 6.3). An export counts as a read.
/// </summary>
internal static class InvestigationReportCsv
{
    public const string ContentType = CsvText.ContentType;

    public const string TrafficHeader = "captured_at,host,bytes_to_client,bytes_to_origin,category,decision";

    public const string ContentHeader = "captured_at,host,url,bytes_to_client,bytes_to_origin,category,decision";

    public static string Write(InvestigationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var withUrl = report.Investigation.Scope == InvestigationScope.Content;
        var csv = new StringBuilder().Append(withUrl ? ContentHeader : TrafficHeader).Append("\r\n");
        foreach (var request in report.Records)
        {
            csv.Append(request.CapturedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture))
                .Append(',').Append(CsvText.Field(request.Host));
            if (withUrl)
            {
                csv.Append(',').Append(CsvText.Field(request.Url ?? string.Empty));
            }

            csv.Append(',').Append(CsvText.Number(request.BytesToClient))
                .Append(',').Append(CsvText.Number(request.BytesToOrigin))
                .Append(',').Append(CsvText.Field(request.Category ?? string.Empty))
                .Append(',').Append(CsvText.Field(request.Decision))
                .Append("\r\n");
        }

        return csv.ToString();
    }

    /// <summary>An attachment named after the investigation: <c>investigation-&lt;id&gt;.csv</c> (never the subject).</summary>
    public static IResult Result(InvestigationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName($"investigation-{report.Investigation.Id:D}.csv");
        return CsvText.Download(Write(report), disposition.ToString());
    }
}
