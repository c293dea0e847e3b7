using System.Globalization;
using System.Text;
using WebProxy.Admin.Statistics;
using WebProxy.Storage;

namespace WebProxy.Admin.ManagerPages;

/// <summary>
/// The table of requests captured under an investigation, as My data shows it to the subject and the report to its
/// readers: traffic data, and the URL column only for a content investigation (article 6.3). The two differ only in
/// their wording, their time format and their markup's attributes, which the callers pass.
/// </summary>
internal static class CapturedRequestsTable
{
    /// <summary>Appends the table: its header, a row per record, and the closing tags.</summary>
    /// <param name="body">The page body to append to.</param>
    /// <param name="records">The records, in the order shown.</param>
    /// <param name="withUrls">Whether the URL column is shown (a content investigation).</param>
    /// <param name="tableAttributes">The table element's attributes, HTML, with a leading space.</param>
    /// <param name="timeHeader">The time column's header, HTML.</param>
    /// <param name="bytesToClientHeader">The header of the bytes sent to the subject's workstation, HTML.</param>
    /// <param name="time">How a record's time reads.</param>
    /// <param name="rowAttributes">Each row's attributes, HTML, with a leading space; empty for none.</param>
    public static void Append(
        StringBuilder body,
        IEnumerable<CapturedRequest> records,
        bool withUrls,
        string tableAttributes,
        string timeHeader,
        string bytesToClientHeader,
        Func<DateTimeOffset, string> time,
        string rowAttributes)
    {
        body.Append(CultureInfo.InvariantCulture, $"<table{tableAttributes}><thead><tr><th>{timeHeader}</th><th>Host</th>{(withUrls ? "<th>URL</th>" : string.Empty)}<th>Category</th><th>Decision</th><th>{bytesToClientHeader}</th><th>Bytes sent</th></tr></thead><tbody>");
        foreach (var record in records)
        {
            var url = withUrls ? $"<td class=\"details\">{PageHtml.Encode(record.Url)}</td>" : string.Empty;
            body.Append(CultureInfo.InvariantCulture, $"""
                <tr{rowAttributes}><td>{time(record.CapturedAt)}</td><td>{PageHtml.Encode(record.Host)}</td>{url}<td>{PageHtml.Encode(record.Category)}</td>
                <td>{PageHtml.Encode(record.Decision)}</td><td>{Quantities.Count(record.BytesToClient)}</td><td>{Quantities.Count(record.BytesToOrigin)}</td></tr>
                """);
        }

        body.Append("</tbody></table>");
    }
}
