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
/// <c>/privacy/requests</c>, the privacy officer's page: the unanswered rights requests, oldest due date first, the
/// overdue ones marked and counted (article 8 gives four weeks), each with a form to grant (saying what was done) or
/// refuse (with reasons). The rules are <see cref="RightsRequestService"/>'s: only a privacy officer lists or answers,
/// and a refused answer shows the reason next to its form with the input kept. The requests are other people's data,
/// so each listing states the page's purpose and leaves a <c>personal_data_read</c> record per person (article 4.3),
/// which those people see under My data.
/// </summary>
internal static class PrivacyOfficerPage
{
    private const string Title = "Rights requests";

    private const string ListPurpose = "answering rights requests (privacy officer page)";

    public static IEndpointRouteBuilder MapPrivacyOfficerPage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/privacy/requests", (HttpContext http, AdminSessions sessions, GovernanceEndpointsContext governance, [FromServices] RightsRequestService rights, string? notice) =>
            ManagerPageEndpoints.WithPerson(http, sessions, governance, person => Show(governance, rights, person, notice, attempt: null))).ExcludeFromDescription();
        endpoints.MapPost("/privacy/requests/{id:guid}/answer", Answer).ExcludeFromDescription();
        return endpoints;
    }

    private static Task<IResult> Answer(HttpContext http, AdminSessions sessions, GovernanceEndpointsContext governance, [FromServices] RightsRequestService rights, Guid id) =>
        ManagerPageEndpoints.WithPostedFormAsync(http, sessions, governance, (person, values) =>
        {
            var attempt = new AnswerAttempt(id, values["outcome"], values["text"]) { Erase = values["erase"] == "true", Block = values["block"] == "true" };
            var outcome = rights.Answer(Actor.Page(person.Id), id, new RightsRequestAnswer(attempt.Outcome, attempt.Text, attempt.Erase, attempt.Block));
            if (outcome.Succeeded)
            {
                return Results.Redirect("/privacy/requests?notice=answered", permanent: false);
            }

            return outcome.Problem.Kind == ProblemKind.Forbidden
                ? RightsPageParts.Refused(Title, outcome.Problem, person.DisplayName)
                : Show(governance, rights, person, notice: null, attempt with { Problem = outcome.Problem });
        });

    private static IResult Show(GovernanceEndpointsContext governance, RightsRequestService rights, Person person, string? notice, AnswerAttempt? attempt)
    {
        var now = governance.TimeProvider.GetUtcNow();
        var listed = rights.ListOpen(Actor.Page(person.Id), overdueOnly: false, now, ListPurpose);
        if (!listed.Succeeded)
        {
            return RightsPageParts.Refused(Title, listed.Problem, person.DisplayName);
        }

        var open = listed.Value;
        var body = new StringBuilder();
        if (notice == "answered")
        {
            body.Append("<p class=\"notice\" id=\"notice\">The answer was recorded; the person sees it under My requests and My data.</p>");
        }

        // A request answered meanwhile, or not found, is no longer listed: its reason goes above the list.
        if (attempt?.Problem is { } problem && !open.Any(r => r.Id == attempt.Id))
        {
            body.Append(RightsPageParts.Error(problem));
        }

        var overdue = open.Count(r => r.IsOverdue(now));
        body.Append(CultureInfo.InvariantCulture, $"""
            <p id="summary">{open.Count} open, <span id="overdue-count"{(overdue > 0 ? " class=\"overdue\"" : string.Empty)}>{overdue} overdue</span>.
            Article 8 gives four weeks for an answer; a late answer is still accepted and recorded as late.</p>
            <p>Opening this page is recorded as a read of these people's data, with the purpose "{PageHtml.Encode(ListPurpose)}"; they see it under My data.</p>
            """);
        if (open.Count == 0)
        {
            body.Append("<p id=\"none\">No request is waiting for an answer.</p>");
        }

        var directory = governance.State.Directory;
        var zone = governance.TimeZone;
        foreach (var request in open)
        {
            var late = request.IsOverdue(now);
            var due = late ? $"overdue by {RightsPageParts.Days(now - request.DueAt)}" : $"due in {RightsPageParts.Days(request.DueAt - now)}";
            var kept = attempt?.Id == request.Id ? attempt : null;
            body.Append(CultureInfo.InvariantCulture, $"""
                <section class="card{(late ? " overdue" : string.Empty)}" id="request-{request.Id}" data-request="{request.Id}" data-person="{PageHtml.Encode(request.PersonId)}">
                <h2>{RightsPageParts.Who(request.PersonId, directory)} asks to {PageHtml.Encode(RightsRequestNames.Name(request.Kind))}</h2>
                <p class="due">Filed {PageTimes.Show(request.FiledAt, zone)}, due {PageTimes.Show(request.DueAt, zone)}: {due}</p>
                <p class="text">{PageHtml.Encode(request.Text)}</p>
                {(kept?.Problem is { } reason ? RightsPageParts.Error(reason) : string.Empty)}
                <form method="post" action="/privacy/requests/{request.Id}/answer"><fieldset><legend>Answer</legend>
                {Choice(request.Id, "granted", "granted: say what was done", kept)}
                {Choice(request.Id, "refused", "refused: give the reasons, they go to the person", kept)}
                </fieldset>
                <label for="answer-{request.Id}">Answer to {PageHtml.Encode(directory.Find(request.PersonId)?.DisplayName ?? request.PersonId)}</label>
                <textarea id="answer-{request.Id}" name="text" maxlength="{RightsRequestService.MaxTextLength}" required>{PageHtml.Encode(kept?.Text)}</textarea>
                {CapturedRequestsChoice(request, kept)}
                <p><button type="submit">Send the answer</button></p></form></section>
                """);
        }

        var status = attempt?.Problem is { } refused ? RightsPageParts.Status(refused) : StatusCodes.Status200OK;
        return PageHtml.Page(Title, body.ToString(), person.DisplayName, status);
    }

    private static string Choice(Guid request, string outcome, string label, AnswerAttempt? kept)
    {
        var isChecked = kept?.Outcome == outcome ? " checked" : string.Empty;
        return $"<label><input type=\"radio\" name=\"outcome\" value=\"{outcome}\" id=\"{outcome}-{request}\" required{isChecked}> {PageHtml.Encode(label)}</label>";
    }

    /// <summary>
    /// For a deletion request: erase what investigations captured about the person; for a blocking request: block it.
    /// Either only with a granted answer.
    /// </summary>
    private static string CapturedRequestsChoice(RightsRequest request, AnswerAttempt? kept) => request.Kind switch
    {
        RightsRequestKind.Delete => Box("erase", request.Id, kept?.Erase == true,
            "Erase every request captured about this person under investigations that ended (refused while one records or is on legal hold)"),
        RightsRequestKind.Block => Box("block", request.Id, kept?.Block == true,
            "Block every request captured about this person under investigations that ended: kept until their retention ends, no longer provided to the readers (refused while one records or is on legal hold)"),
        _ => string.Empty,
    };

    private static string Box(string name, Guid request, bool isChecked, string label) =>
        $"<label><input type=\"checkbox\" name=\"{name}\" value=\"true\" id=\"{name}-{request}\"{(isChecked ? " checked" : string.Empty)}> {PageHtml.Encode(label)}</label>";

    /// <summary>An answer as typed, kept with the rule's refusal so the officer need not type it again.</summary>
    private sealed record AnswerAttempt(Guid Id, string? Outcome, string? Text)
    {
        public bool Erase { get; init; }

        public bool Block { get; init; }

        public Problem? Problem { get; init; }
    }
}
