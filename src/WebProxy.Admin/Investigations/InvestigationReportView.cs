using System.Text.Json.Serialization;
using WebProxy.Governance;
using WebProxy.Storage;

namespace WebProxy.Admin.Investigations;

/// <summary>
/// An investigation's report as the admin API returns it to a named reader: the investigation and every request
/// recorded for it, oldest first. Traffic data only (time, host, bytes each way, category, decision); the full URL
/// only for a content-scope investigation. Never a body, never a header: none is recorded.
/// </summary>
public sealed record InvestigationReportView(InvestigationView Investigation, IReadOnlyList<CapturedRequestView> Records)
{
    public static InvestigationReportView Of(InvestigationReport report, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new InvestigationReportView(
            InvestigationView.Of(report.Investigation, now),
            [.. report.Records.Select(CapturedRequestView.Of)]);
    }
}

/// <summary>One recorded request of the subject.</summary>
/// <param name="Url">The full URL; left out for a traffic-scope investigation.</param>
/// <param name="Category">The rule the host or URL matched, when any.</param>
/// <param name="Decision">What the proxy did: <c>allowed</c>, <c>blocked</c> or <c>exempted</c>.</param>
public sealed record CapturedRequestView(
    DateTimeOffset CapturedAt,
    string Host,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Url,
    long BytesToClient,
    long BytesToOrigin,
    string? Category,
    string Decision)
{
    public static CapturedRequestView Of(CapturedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new CapturedRequestView(request.CapturedAt, request.Host, request.Url, request.BytesToClient, request.BytesToOrigin, request.Category, request.Decision);
    }
}
