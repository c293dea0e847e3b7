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
    public const string ContentType = "text/csv; charset=utf-8; header=present";

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
                .Append(',').Append(Field(request.Host));
            if (withUrl)
            {
                csv.Append(',').Append(Field(request.Url ?? string.Empty));
            }

            csv.Append(',').Append(Number(request.BytesToClient))
                .Append(',').Append(Number(request.BytesToOrigin))
                .Append(',').Append(Field(request.Category ?? string.Empty))
                .Append(',').Append(Field(request.Decision))
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
        return new CsvResult(Write(report), disposition.ToString());
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    // Quoted when it holds a separator, a quote or a line end (RFC 4180 §2). A value a spreadsheet would run as a
    // formula (=, +, -, @ first) is prefixed with an apostrophe: hosts and URLs come from clients' requests.
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
