using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using WebProxy.Admin.Governance;
using WebProxy.Admin.Investigations;
using WebProxy.Governance;
using WebProxy.Policy.Identity;
using WebProxy.Policy.Investigations;

namespace WebProxy.Admin.ManagerPages;

/// <summary>
/// <c>POST /investigations/{id}/report</c> and <c>/report.csv</c>: an investigation's report for its named readers,
/// through <see cref="InvestigationService.ReadReport"/> — each read states the purpose typed in the form and is an
/// <c>investigation_report_read</c> record with it (article 4.3, the ombudsman case); the CSV download is a read of its
/// own (<c>format</c> csv). A POST, not a link, so the purpose never lands in a URL, a history or a proxy log. A refused
/// read (no purpose, not a reader, records blocked) shows the reason next to the form with the purpose kept and
/// records nothing; the form page reads nothing of the investigation itself.
/// </summary>
internal static class InvestigationReportPage
{
    private const string Title = "Investigation report";

    public static IEndpointRouteBuilder MapInvestigationReportPage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/investigations/{id:guid}/report", (HttpContext http, AdminSessions sessions, GovernanceEndpointsContext governance, [FromServices] InvestigationService investigations, Guid id) =>
            ReadAsync(http, sessions, governance, investigations, id, "report")).ExcludeFromDescription();
        endpoints.MapPost("/investigations/{id:guid}/report.csv", (HttpContext http, AdminSessions sessions, GovernanceEndpointsContext governance, [FromServices] InvestigationService investigations, Guid id) =>
            ReadAsync(http, sessions, governance, investigations, id, "csv")).ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>The form that reads the report: a purpose, required, then the read.</summary>
    public static string ReadForm(Guid id, string? purpose, Problem? problem) => $"""
        <section class="card" id="read"><h2>Read the report</h2>
        <p>Only the people named on the investigation read its report. Each read, the CSV download included, states its purpose and is
        recorded in the governance log; the subject sees it under My data (article 4.3).</p>
        {(problem is null ? string.Empty : RightsPageParts.Error(problem))}
        <form method="post" action="/investigations/{id}/report">
        <label for="read-purpose">Why you read it now</label>
        <input id="read-purpose" name="purpose" value="{PageHtml.Encode(purpose)}" maxlength="{InvestigationPageParts.MaxTextLength}" required>
        <p><button id="read-report" type="submit">Read the report</button></p></form></section>
        """;

    private static Task<IResult> ReadAsync(HttpContext http, AdminSessions sessions, GovernanceEndpointsContext governance, InvestigationService investigations, Guid id, string format) =>
        ManagerPageEndpoints.WithPostedFormAsync(http, sessions, governance, (person, values) =>
        {
            string? purpose = values["purpose"];
            var outcome = investigations.ReadReport(Actor.Page(person.Id), id, purpose, format);
            if (!outcome.Succeeded)
            {
                var refused = ReadForm(id, purpose, outcome.Problem) + $"<p><a href=\"/investigations/{id}\">Back to the investigation</a></p>";
                return PageHtml.Page(Title, refused, person.DisplayName, RightsPageParts.Status(outcome.Problem));
            }

            return format == "csv"
                ? InvestigationReportCsv.Result(outcome.Value)
                : Show(governance, person, outcome.Value, purpose!.Trim());
        });

    private static IResult Show(GovernanceEndpointsContext governance, Person person, InvestigationReport report, string purpose)
    {
        var investigation = report.Investigation;
        var zone = governance.TimeZone;
        var directory = governance.State.Directory;
        var withUrls = investigation.Scope == InvestigationScope.Content;
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"""
            <p id="recorded">This read is recorded in the governance log with your purpose: <q class="text" id="stated-purpose">{PageHtml.Encode(purpose)}</q>.</p>
            <table id="particulars" data-investigation="{investigation.Id}"><tbody>
            <tr><th scope="row">Subject</th><td>{RightsPageParts.Who(investigation.SubjectId, directory)}</td></tr>
            <tr><th scope="row">Purpose of the investigation</th><td class="text">{PageHtml.Encode(investigation.Purpose)}</td></tr>
            <tr><th scope="row">What is recorded</th><td>{PageHtml.Encode(InvestigationPageParts.Scope(investigation.Scope))}</td></tr>
            <tr><th scope="row">Period ({PageHtml.Encode(zone.Id)})</th><td>{InvestigationPageParts.Period(investigation, zone)}</td></tr>
            </tbody></table>
            <h2>Recorded requests ({report.Records.Count.ToString(CultureInfo.InvariantCulture)})</h2>
            """);
        if (report.Records.Count == 0)
        {
            body.Append("<p id=\"no-records\">Nothing has been recorded under this investigation.</p>");
        }
        else
        {
            CapturedRequestsTable.Append(body, report.Records, withUrls,
                tableAttributes: " id=\"records\"", timeHeader: $"Time ({PageHtml.Encode(zone.Id)})", bytesToClientHeader: "Bytes to the subject",
                time: at => InvestigationPageParts.Moment(at, zone), rowAttributes: " class=\"record\"");
        }

        body.Append(CultureInfo.InvariantCulture, $"""
            <form method="post" action="/investigations/{investigation.Id}/report.csv">
            <input type="hidden" name="purpose" value="{PageHtml.Encode(purpose)}">
            <p><button id="download-csv" type="submit">Download CSV</button> (a download is a read of its own, recorded with the same purpose)</p></form>
            <p><a href="/investigations/{investigation.Id}">Back to the investigation</a></p>
            """);
        return PageHtml.Page(Title, body.ToString(), person.DisplayName);
    }
}
