using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using WebProxy.Admin.Governance;
using WebProxy.Governance;
using WebProxy.Governance.Rights;
using WebProxy.Policy.Identity;
using WebProxy.Storage;

namespace WebProxy.Admin.ManagerPages;

/// <summary>
/// <c>/me/requests</c>, "My requests": the form to ask for one's data to be corrected, completed, deleted or blocked
/// (article 8) and the requests filed so far, with their due dates and answers. Filing goes through
/// <see cref="RightsRequestService.File"/>, the rules of the API; a refused filing shows the reason with the input kept.
/// Listing one's own requests is reading one's own data: no purpose, no record.
/// </summary>
internal static class RightsRequestPages
{
    private const string Title = "My requests";

    public static IEndpointRouteBuilder MapRightsRequestPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/me/requests", (HttpContext http, AdminSessions sessions, GovernanceEndpointsContext governance, [FromServices] RightsRequestService rights, string? notice) =>
            ManagerPageEndpoints.WithPerson(http, sessions, governance, person => Show(governance, rights, person, new Filing(null, null), null, notice))).ExcludeFromDescription();
        endpoints.MapPost("/me/requests", File).ExcludeFromDescription();
        return endpoints;
    }

    private static Task<IResult> File(HttpContext http, AdminSessions sessions, GovernanceEndpointsContext governance, [FromServices] RightsRequestService rights) =>
        ManagerPageEndpoints.WithPostedFormAsync(http, sessions, governance, (person, values) =>
        {
            var filing = new Filing(values["kind"], values["text"]);
            var outcome = rights.File(Actor.Page(person.Id), new RightsRequestFiling(filing.Kind, filing.Text));
            return outcome.Succeeded
                ? Results.Redirect("/me/requests?notice=filed", permanent: false)
                : Show(governance, rights, person, filing, outcome.Problem, notice: null);
        });

    private static IResult Show(GovernanceEndpointsContext governance, RightsRequestService rights, Person person, Filing filing, Problem? problem, string? notice)
    {
        var mine = rights.Mine(Actor.Page(person.Id));
        if (!mine.Succeeded)
        {
            return RightsPageParts.Refused(Title, mine.Problem, person.DisplayName);
        }

        var body = new StringBuilder();
        if (notice == "filed")
        {
            body.Append("<p class=\"notice\" id=\"notice\">Your request was filed. A privacy officer answers it by the due date below; the answer appears here and under My data.</p>");
        }

        if (problem is not null)
        {
            body.Append(RightsPageParts.Error(problem));
        }

        body.Append("""<form method="post" action="/me/requests"><label for="kind">What you ask for</label><select id="kind" name="kind" required><option value="">Choose one</option>""");
        foreach (var kind in RightsRequestNames.KindNames)
        {
            var selected = kind == filing.Kind ? " selected" : string.Empty;
            body.Append(CultureInfo.InvariantCulture, $"<option value=\"{kind}\"{selected}>{PageHtml.Encode(Explain(kind))}</option>");
        }

        body.Append(CultureInfo.InvariantCulture, $"""
            </select>
            <label for="text">Which data it is about, and what should change</label>
            <textarea id="text" name="text" maxlength="{RightsRequestService.MaxTextLength}" required>{PageHtml.Encode(filing.Text)}</textarea>
            <p><button id="file" type="submit">File the request</button></p></form>
            <p>A privacy officer answers within four weeks (article 8): granted, saying what was done, or refused, with the reasons.
            The governance log records that you filed a request and a fingerprint of your words, not the words themselves.
            <a href="/me">My data</a> shows what is held about you.</p>
            <h2>Your requests</h2>
            """);
        RightsPageParts.AppendRequests(body, mine.Value.Select(r => RightsRequestView.Of(r, governance.TimeProvider.GetUtcNow())), governance.State.Directory, governance.TimeZone);
        return PageHtml.Page(Title, body.ToString(), person.DisplayName, problem is null ? StatusCodes.Status200OK : RightsPageParts.Status(problem));
    }

    private static string Explain(string kind) => kind switch
    {
        "correct" => "correct: something held about me is wrong",
        "complete" => "complete: something held about me is missing a part",
        "delete" => "delete: something held about me should be deleted",
        "block" => "block: something held about me should no longer be used or provided",
        _ => kind,
    };

    /// <summary>The form's input, kept when a filing is refused so nothing typed is lost.</summary>
    private sealed record Filing(string? Kind, string? Text);
}
