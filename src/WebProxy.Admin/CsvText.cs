using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace WebProxy.Admin;

/// <summary>The CSV downloads of the admin port (the top-sites report, an investigation's report): one way to write them.</summary>
internal static class CsvText
{
    public const string ContentType = "text/csv; charset=utf-8; header=present";

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Quoted when it holds a separator, a quote or a line end (RFC 4180 §2). A value a spreadsheet would run as a
    /// formula (=, +, -, @ first) is prefixed with an apostrophe: hosts and URLs come from clients' requests.
    /// </summary>
    public static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    /// <summary>The answer: an attachment, not cached, not sniffed.</summary>
    public static IResult Download(string csv, string contentDisposition) => new CsvResult(csv, contentDisposition);

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
