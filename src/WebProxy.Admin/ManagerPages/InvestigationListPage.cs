using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using WebProxy.Admin.Governance;
using WebProxy.Governance;
using WebProxy.Policy.Identity;

namespace WebProxy.Admin.ManagerPages;

/// <summary>
/// <c>GET /investigations</c>: the investigations the signed-in person may know of
/// (<see cref="InvestigationAccess.CanSee"/>), through <see cref="InvestigationService.List"/>. Seeing anyone else's is
/// a read of personal data (article 4.3): the page states <see cref="InvestigationPageParts.Purpose"/> and leaves a
/// <c>personal_data_read</c> record per subject, which the page says and the subjects later see under My data.
/// </summary>
internal static class InvestigationListPage
{
    private const string Title = "Investigations";

    public static IEndpointRouteBuilder MapInvestigationListPage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/investigations", (HttpContext http, AdminSessions sessions, GovernanceEndpointsContext governance, [FromServices] InvestigationService investigations) =>
            ManagerPageEndpoints.WithPerson(http, sessions, governance, person => Show(governance, investigations, person))).ExcludeFromDescription();
        return endpoints;
    }

    private static IResult Show(GovernanceEndpointsContext governance, InvestigationService investigations, Person person)
    {
        var listed = investigations.List(Actor.Page(person.Id), InvestigationPageParts.Purpose);
        if (!listed.Succeeded)
        {
            return RightsPageParts.Refused(Title, listed.Problem, person.DisplayName);
        }

        var now = governance.TimeProvider.GetUtcNow();
        var zone = governance.TimeZone;
        var directory = governance.State.Directory;
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"""
            <p>An investigation is the only person-level control of internet use (article 6.2): one named person, a stated purpose,
            a short fixed period, approved beforehand by the municipal secretary (for a political office holder, the mayor: article 6.7),
            and a report only the people named on it read. Opening this page is recorded in the governance log as a read of these people's
            data, with the purpose "{PageHtml.Encode(InvestigationPageParts.Purpose)}"; they see it under My data.</p>
            """);
        if (InvestigationPageParts.MayRequest(person))
        {
            body.Append("<p><a id=\"request\" href=\"/investigations/request\">Request an investigation</a></p>");
        }

        if (listed.Value.Count == 0)
        {
            body.Append("<p id=\"none\">There is no investigation you may know of.</p>");
            return PageHtml.Page(Title, body.ToString(), person.DisplayName);
        }

        body.Append("""
            <table id="investigations"><thead><tr><th>Subject</th><th>Kind</th><th>Scope</th><th>Period</th><th>State</th><th>Requested by</th><th></th></tr></thead><tbody>
            """);
        foreach (var investigation in listed.Value.OrderByDescending(i => i.RequestedAt))
        {
            body.Append(CultureInfo.InvariantCulture, $"""
                <tr data-investigation="{investigation.Id}" data-subject="{PageHtml.Encode(investigation.SubjectId)}">
                <td>{RightsPageParts.Who(investigation.SubjectId, directory)}</td>
                <td>{PageHtml.Encode(Policy.Investigations.InvestigationNames.Name(investigation.Kind))}</td>
                <td>{PageHtml.Encode(Policy.Investigations.InvestigationNames.Name(investigation.Scope))}</td>
                <td>{InvestigationPageParts.Period(investigation, zone)}</td>
                <td class="state">{InvestigationPageParts.State(investigation, now)}</td>
                <td>{RightsPageParts.Who(investigation.RequestedBy, directory)}</td>
                <td><a href="/investigations/{investigation.Id}">Details</a></td></tr>
                """);
        }

        body.Append("</tbody></table>");
        return PageHtml.Page(Title, body.ToString(), person.DisplayName);
    }
}
