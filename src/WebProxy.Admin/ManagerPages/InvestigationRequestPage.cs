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
/// <c>GET/POST /investigations/request</c>: the form to request an investigation (articles 6.2, 6.3), answered by
/// <see cref="InvestigationService.Request"/> with the rules of the API. The subject is typed as a directory id, so the
/// form shows the requester nobody they did not name. A refusal — the requester is not a manager or security officer,
/// the period is too long, the subject holds an article-6.6 role (the reason never names them) — is shown next to the
/// form with everything typed kept; a request that passes goes to its detail page.
/// </summary>
internal static class InvestigationRequestPage
{
    private const string Title = "Request an investigation";

    private static readonly char[] ReaderSeparators = [',', ';', ' ', '\t', '\r', '\n'];

    public static IEndpointRouteBuilder MapInvestigationRequestPage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/investigations/request", (HttpContext http, AdminSessions sessions, GovernanceEndpointsContext governance, [FromServices] InvestigationService investigations) =>
            ManagerPageEndpoints.WithPerson(http, sessions, governance, person => Show(governance, investigations, person, new RequestForm(), null))).ExcludeFromDescription();
        endpoints.MapPost("/investigations/request", Request).ExcludeFromDescription();
        return endpoints;
    }

    private static Task<IResult> Request(HttpContext http, AdminSessions sessions, GovernanceEndpointsContext governance, [FromServices] InvestigationService investigations) =>
        ManagerPageEndpoints.WithPostedFormAsync(http, sessions, governance, (person, values) =>
        {
            var form = new RequestForm
            {
                Subject = values["subject"].ToString().Trim(),
                Purpose = values["purpose"],
                LegalGround = values["legalGround"],
                Scope = values["scope"],
                Start = values["start"],
                End = values["end"],
                Readers = values["readers"],
            };
            DateTimeOffset? start = null;
            if (!string.IsNullOrWhiteSpace(form.Start))
            {
                if (!PageTimes.TryRead(form.Start, governance.TimeZone, out var at))
                {
                    return Show(governance, investigations, person, form, Problem.Invalid("start", "enter the start as a date and time"));
                }

                start = at;
            }

            if (!PageTimes.TryRead(form.End, governance.TimeZone, out var end))
            {
                return Show(governance, investigations, person, form, Problem.Invalid("end", "enter the end as a date and time"));
            }

            var readers = (form.Readers ?? string.Empty).Split(ReaderSeparators, StringSplitOptions.RemoveEmptyEntries);
            var scope = string.IsNullOrEmpty(form.Scope) ? null : form.Scope;
            var outcome = investigations.Request(Actor.Page(person.Id),
                new InvestigationRequest(form.Subject, form.Purpose, form.LegalGround, scope, start, end, readers));
            return outcome.Succeeded
                ? Results.Redirect($"/investigations/{outcome.Value.Id}?notice=requested", permanent: false)
                : Show(governance, investigations, person, form, outcome.Problem);
        });

    private static IResult Show(GovernanceEndpointsContext governance, InvestigationService investigations, Person person, RequestForm form, Problem? problem)
    {
        var now = governance.TimeProvider.GetUtcNow();
        var zone = governance.TimeZone;
        var body = new StringBuilder();
        if (!InvestigationPageParts.MayRequest(person))
        {
            body.Append("<p class=\"notice\" id=\"role\">Only a manager or a security officer requests an investigation (article 6.2); the form refuses anyone else.</p>");
        }

        if (problem is not null)
        {
            body.Append(RightsPageParts.Error(problem));
        }

        var start = form.Start ?? PageTimes.ToInput(now, zone);
        var end = form.End ?? PageTimes.ToInput(now.AddDays(7), zone);
        body.Append(CultureInfo.InvariantCulture, $"""
            <form method="post" action="/investigations/request">
            <label for="subject">Subject: the person's user name in the directory</label>
            <input id="subject" name="subject" value="{PageHtml.Encode(form.Subject)}" autocomplete="off" required>
            <label for="purpose">Purpose: the concrete suspicion it looks into (article 6.2)</label>
            <textarea id="purpose" name="purpose" maxlength="{InvestigationPageParts.MaxTextLength}" required>{PageHtml.Encode(form.Purpose)}</textarea>
            <label for="legalGround">Legal ground</label>
            <textarea id="legalGround" name="legalGround" maxlength="{InvestigationPageParts.MaxTextLength}" required>{PageHtml.Encode(form.LegalGround)}</textarea>
            <fieldset><legend>What is recorded (article 6.3)</legend>
            {ScopeChoice("traffic", form.Scope is null or "" or "traffic", InvestigationPageParts.Scope(Policy.Investigations.InvestigationScope.Traffic))}
            {ScopeChoice("content", form.Scope == "content", InvestigationPageParts.Scope(Policy.Investigations.InvestigationScope.Content))}
            <p>Article 6.3: in principle traffic data only. Content — the full URLs, never what was sent or received — only for weighty
            reasons, approved beforehand by the municipal secretary. A political office holder's investigation is traffic only. Bodies are never stored.</p>
            </fieldset>
            <label for="start">From ({PageHtml.Encode(zone.Id)}); recording starts only once it is approved</label>
            <input id="start" name="start" type="datetime-local" value="{PageHtml.Encode(start)}" required>
            <label for="end">Until (at most {investigations.MaxPeriod.TotalDays:0} days after the start); recording stops by itself</label>
            <input id="end" name="end" type="datetime-local" value="{PageHtml.Encode(end)}" required>
            <label for="readers">Who may read the report: user names, separated by commas or spaces (for a political office holder, the mayor only)</label>
            <input id="readers" name="readers" value="{PageHtml.Encode(form.Readers)}" autocomplete="off" required>
            <p><button id="submit-request" type="submit">Request the investigation</button></p></form>
            <p>The request, its purpose and who may read the report are recorded in the governance log. Nothing is recorded about the
            person until the municipal secretary (for a political office holder, the mayor) approves it. A person with a protected role
            (article 6.6: works council, GO, mediator, company doctor, other confidential role) cannot be investigated; such a request is
            refused and recorded without their name.</p>
            """);
        return PageHtml.Page(Title, body.ToString(), person.DisplayName, problem is null ? StatusCodes.Status200OK : RightsPageParts.Status(problem));
    }

    private static string ScopeChoice(string scope, bool isChecked, string label) =>
        $"<label><input type=\"radio\" name=\"scope\" value=\"{scope}\" id=\"scope-{scope}\"{(isChecked ? " checked" : string.Empty)}> {PageHtml.Encode(label)}</label>";

    /// <summary>The form's input, kept when a request is refused so nothing typed is lost.</summary>
    private sealed record RequestForm
    {
        public string? Subject { get; init; }

        public string? Purpose { get; init; }

        public string? LegalGround { get; init; }

        public string? Scope { get; init; }

        public string? Start { get; init; }

        public string? End { get; init; }

        public string? Readers { get; init; }
    }
}
