using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using WebProxy.Admin.Governance;
using WebProxy.Governance;
using WebProxy.Policy.Identity;
using WebProxy.Policy.Investigations;

namespace WebProxy.Admin.ManagerPages;

/// <summary>
/// <c>GET /investigations/{id}</c>: one investigation (<see cref="InvestigationService.Get"/>, a read with the page's
/// purpose unless it is about the viewer) and the forms to decide on it — approve (optionally deferring disclosure) or
/// refuse, withdraw, set or release a legal hold — and, for its named readers, to read the report. Every form is shown
/// to everyone who may see the page while its state allows it; the service decides who may, and its refusal is shown
/// next to the form with the typed reason kept (403, 409 or 400). Someone who may not know of it gets 404.
/// </summary>
internal static class InvestigationDetailPage
{
    private const string Title = "Investigation";

    public static IEndpointRouteBuilder MapInvestigationDetailPage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/investigations/{id:guid}", (HttpContext http, AdminSessions sessions, GovernanceEndpointsContext governance, [FromServices] InvestigationService investigations, Guid id, string? notice) =>
            ManagerPageEndpoints.WithPerson(http, sessions, governance, person => Show(governance, investigations, person, id, notice, attempt: null))).ExcludeFromDescription();
        Action(endpoints, "approve", (service, actor, id, form) => service.Approve(actor, id, new InvestigationApprovalRequest(form.DeferDisclosure)));
        Action(endpoints, "refuse", (service, actor, id, form) => service.Refuse(actor, id, form.Reason));
        Action(endpoints, "withdraw", (service, actor, id, form) => service.Withdraw(actor, id, string.IsNullOrWhiteSpace(form.Reason) ? null : form.Reason));
        Action(endpoints, "legal-hold", (service, actor, id, form) => service.SetLegalHold(actor, id, form.Reason));
        Action(endpoints, "legal-hold/release", (service, actor, id, form) => service.ReleaseLegalHold(actor, id, form.Reason));
        return endpoints;
    }

    /// <summary>Maps <c>POST /investigations/{id}/{name}</c>: same origin, then the service; back to the page either way.</summary>
    private static void Action(IEndpointRouteBuilder endpoints, string name, Func<InvestigationService, Actor, Guid, Attempt, Outcome<Investigation>> act) =>
        endpoints.MapPost($"/investigations/{{id:guid}}/{name}", (HttpContext http, AdminSessions sessions, GovernanceEndpointsContext governance, [FromServices] InvestigationService investigations, Guid id) =>
            ManagerPageEndpoints.WithPostedFormAsync(http, sessions, governance, (person, values) =>
            {
                var attempt = new Attempt(name, values["reason"]) { DeferDisclosure = values["deferDisclosure"] == "true" };
                var outcome = act(investigations, Actor.Page(person.Id), id, attempt);
                if (outcome.Succeeded)
                {
                    return Results.Redirect($"/investigations/{id}?notice={Uri.EscapeDataString(name)}", permanent: false);
                }

                return outcome.Problem.Kind == ProblemKind.NotFound
                    ? RightsPageParts.Refused(Title, outcome.Problem, person.DisplayName, InvestigationPageParts.BackToList)
                    : Show(governance, investigations, person, id, notice: null, attempt with { Problem = outcome.Problem });
            })).ExcludeFromDescription();

    private static IResult Show(GovernanceEndpointsContext governance, InvestigationService investigations, Person person, Guid id, string? notice, Attempt? attempt)
    {
        var found = investigations.Get(Actor.Page(person.Id), id, InvestigationPageParts.Purpose);
        if (!found.Succeeded)
        {
            return RightsPageParts.Refused(Title, found.Problem, person.DisplayName, InvestigationPageParts.BackToList);
        }

        var investigation = found.Value;
        var now = governance.TimeProvider.GetUtcNow();
        var zone = governance.TimeZone;
        var directory = governance.State.Directory;
        var body = new StringBuilder();
        if (Notice(notice) is { } said)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"notice\" id=\"notice\">{PageHtml.Encode(said)}</p>");
        }

        var hold = investigation.LegalHold;
        body.Append(CultureInfo.InvariantCulture, $"""
            <p>Opening this page is recorded in the governance log as a read of the subject's data, with the purpose "{PageHtml.Encode(InvestigationPageParts.Purpose)}".</p>
            <table id="particulars" data-investigation="{investigation.Id}" data-state="{InvestigationNames.Name(investigation.State)}"><tbody>
            <tr><th scope="row">Subject</th><td>{RightsPageParts.Who(investigation.SubjectId, directory)}</td></tr>
            <tr><th scope="row">Kind</th><td>{PageHtml.Encode(InvestigationPageParts.Kind(investigation.Kind))}</td></tr>
            <tr><th scope="row">What is recorded</th><td>{PageHtml.Encode(InvestigationPageParts.Scope(investigation.Scope))}</td></tr>
            <tr><th scope="row">Purpose</th><td class="text" id="purpose">{PageHtml.Encode(investigation.Purpose)}</td></tr>
            <tr><th scope="row">Legal ground</th><td class="text">{PageHtml.Encode(investigation.LegalGround)}</td></tr>
            <tr><th scope="row">Period ({PageHtml.Encode(zone.Id)})</th><td>{InvestigationPageParts.Period(investigation, zone)}</td></tr>
            <tr><th scope="row">Who may read the report</th><td id="readers">{string.Join(", ", investigation.Readers.Select(r => RightsPageParts.Who(r, directory)))}</td></tr>
            <tr><th scope="row">Requested</th><td>{RightsPageParts.Who(investigation.RequestedBy, directory)}, {PageTimes.Show(investigation.RequestedAt, zone)}</td></tr>
            <tr><th scope="row">State</th><td id="state">{InvestigationPageParts.State(investigation, now)}</td></tr>
            {Row("Decided", investigation.DecidedBy is { } by && investigation.DecidedAt is { } at ? $"{RightsPageParts.Who(by, directory)}, {PageTimes.Show(at, zone)}" : null)}
            {Row("Refused because", investigation.RefusalReason is { } refusal ? PageHtml.Encode(refusal) : null)}
            {Row("Disclosure to the subject", investigation.WasApproved ? (investigation.DeferDisclosure ? "deferred until recording ends" : "once approved (article 8)") : null)}
            {Row("Recording", investigation.CaptureStart is { } from ? $"{PageTimes.Show(from, zone)} to {PageTimes.Show(investigation.CaptureEnd, zone)}" : null)}
            {Row("Withdrawn", investigation.WithdrawnBy is { } wb && investigation.WithdrawnAt is { } wa ? $"{RightsPageParts.Who(wb, directory)}, {PageTimes.Show(wa, zone)}{(investigation.WithdrawalReason is { } wr ? ": " + PageHtml.Encode(wr) : string.Empty)}" : null)}
            {Row("Legal hold", hold is null ? null : $"set by {RightsPageParts.Who(hold.SetBy, directory)}, {PageTimes.Show(hold.SetAt, zone)}: {PageHtml.Encode(hold.Reason)}{(hold.ReleasedAt is { } ra ? $"; released by {RightsPageParts.Who(hold.ReleasedBy ?? string.Empty, directory)}, {PageTimes.Show(ra, zone)}: {PageHtml.Encode(hold.ReleaseReason)}" : " (in force: the records are kept past their retention)")}")}
            {Row("Records blocked", investigation.Block is { } block ? $"since {PageTimes.Show(block.BlockedAt, zone)}, at the subject's request (article 8): kept, no longer provided" : null)}
            </tbody></table>
            """);
        AppendForms(body, investigation, person, now, attempt);
        body.Append("<p><a href=\"/investigations\">Back to the investigations</a></p>");
        var status = attempt?.Problem is { } problem ? RightsPageParts.Status(problem) : StatusCodes.Status200OK;
        return PageHtml.Page($"{Title} of {directory.Find(investigation.SubjectId)?.DisplayName ?? investigation.SubjectId}", body.ToString(), person.DisplayName, status);
    }

    /// <summary>The forms the investigation's state still allows; the subject gets none (every one is about them).</summary>
    private static void AppendForms(StringBuilder body, Investigation investigation, Person person, DateTimeOffset now, Attempt? attempt)
    {
        if (string.Equals(person.Id, investigation.SubjectId, StringComparison.Ordinal))
        {
            return;
        }

        var id = investigation.Id;
        var decider = investigation.Kind == InvestigationKind.PoliticalOfficeHolder
            ? "the mayor (article 6.7)"
            : "the municipal secretary";
        if (investigation.State == InvestigationState.Requested && now < investigation.End)
        {
            var defer = attempt is { Action: "approve", DeferDisclosure: true } ? " checked" : string.Empty;
            body.Append(CultureInfo.InvariantCulture, $"""
                <section class="card" id="decide"><h2>Decide</h2><p>Only {decider} decides, and never the person who requested it.</p>
                {Error(attempt, "approve")}
                <form method="post" action="/investigations/{id}/approve">
                <label><input type="checkbox" name="deferDisclosure" value="true" id="deferDisclosure"{defer}> Defer disclosure: the subject learns of it only once recording ended (article 8)</label>
                <p><button id="approve" type="submit">Approve</button></p></form>
                {Error(attempt, "refuse")}
                <form method="post" action="/investigations/{id}/refuse">
                {ReasonInput("refuse", "Reason for refusing", attempt, required: true)}
                <p><button id="refuse" type="submit">Refuse</button></p></form></section>
                """);
        }

        if (investigation.State == InvestigationState.Requested || (investigation.State == InvestigationState.Approved && now < investigation.End))
        {
            body.Append(CultureInfo.InvariantCulture, $"""
                <section class="card" id="withdrawal"><h2>Withdraw</h2><p>The requester or {decider}; an approved investigation stops recording at once.</p>
                {Error(attempt, "withdraw")}
                <form method="post" action="/investigations/{id}/withdraw">
                {ReasonInput("withdraw", "Reason (optional)", attempt, required: false)}
                <p><button id="withdraw" type="submit">Withdraw</button></p></form></section>
                """);
        }

        if (investigation.WasApproved)
        {
            var (action, label, button) = investigation.IsOnLegalHold
                ? ("legal-hold/release", "Reason for releasing the hold", "Release the legal hold")
                : ("legal-hold", "The weighty reason to keep the records past their retention (article 7.1)", "Set a legal hold");
            body.Append(CultureInfo.InvariantCulture, $"""
                <section class="card" id="legal-hold"><h2>Legal hold</h2><p>The municipal secretary, with a reason. Records on hold are kept until the hold is released.</p>
                {Error(attempt, action)}
                <form method="post" action="/investigations/{id}/{action}">
                {ReasonInput(action, label, attempt, required: true)}
                <p><button id="{(investigation.IsOnLegalHold ? "release-hold" : "set-hold")}" type="submit">{button}</button></p></form></section>
                """);
        }

        if (investigation.WasApproved && investigation.Readers.Contains(person.Id, StringComparer.Ordinal))
        {
            body.Append(InvestigationReportPage.ReadForm(id, purpose: null, problem: null));
        }
    }

    private static string ReasonInput(string action, string label, Attempt? attempt, bool required)
    {
        var field = $"reason-{action.Replace('/', '-')}";
        var kept = attempt?.Action == action ? attempt.Reason : null;
        return $"<label for=\"{field}\">{PageHtml.Encode(label)}</label><textarea id=\"{field}\" name=\"reason\" maxlength=\"{InvestigationPageParts.MaxTextLength}\"{(required ? " required" : string.Empty)}>{PageHtml.Encode(kept)}</textarea>";
    }

    private static string Error(Attempt? attempt, string action) =>
        attempt is { Problem: { } problem } && attempt.Action == action ? RightsPageParts.Error(problem) : string.Empty;

    /// <summary>A row of the particulars; nothing when <paramref name="html"/> (already encoded) is null.</summary>
    private static string Row(string label, string? html) =>
        html is null ? string.Empty : $"<tr><th scope=\"row\">{PageHtml.Encode(label)}</th><td>{html}</td></tr>";

    private static string? Notice(string? notice) => notice switch
    {
        "requested" => "The investigation was requested. Nothing is recorded until it is approved; the decision is recorded in the governance log.",
        "approve" => "The investigation was approved; recording starts at its start, for its period only.",
        "refuse" => "The investigation was refused.",
        "withdraw" => "The investigation was withdrawn; nothing more is recorded under it.",
        "legal-hold" => "The records are on legal hold: kept past their retention until the hold is released.",
        "legal-hold/release" => "The legal hold was released; the records are deleted when their retention ends.",
        _ => null,
    };

    /// <summary>A decision as posted, kept with the service's refusal so the reason typed is not lost.</summary>
    private sealed record Attempt(string Action, string? Reason)
    {
        public bool DeferDisclosure { get; init; }

        public Problem? Problem { get; init; }
    }
}
