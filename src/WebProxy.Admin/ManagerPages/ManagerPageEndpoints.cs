using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WebProxy.Admin.Governance;
using WebProxy.Governance;
using WebProxy.Policy.Exemptions;
using WebProxy.Policy.Identity;
using WebProxy.Policy.Rules;

namespace WebProxy.Admin.ManagerPages;

/// <summary>
/// Server-rendered pages for managers (issue 4): sign in, my team, grant an exemption, active exemptions. They call
/// the same services as the API; a refused grant shows the rule's reason next to the form, with the input kept.
/// Looking at one's team is a read of personal data, recorded with the page's purpose. The article-8 pages
/// (<see cref="MyDataPage"/>, <see cref="RightsRequestPages"/>, <see cref="PrivacyOfficerPage"/>) are mapped here too;
/// they need <see cref="WebProxy.Governance.Rights.SubjectAccessService"/> and
/// <see cref="WebProxy.Governance.Rights.RightsRequestService"/> registered, as the host does.
/// </summary>
public static class ManagerPageEndpoints
{
    private const string TeamPurpose = "managing my team's exemptions (manager pages)";

    public static IEndpointRouteBuilder MapManagerPages(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/login", (string? error) => LoginPage(error, null)).ExcludeFromDescription();
        endpoints.MapPost("/login", Login).ExcludeFromDescription();
        endpoints.MapPost("/logout", (HttpContext http, AdminSessions sessions) =>
        {
            sessions.End(http);
            return Results.Redirect("/login", permanent: false);
        }).ExcludeFromDescription();
        endpoints.MapGet("/manage", (HttpContext http, AdminSessions sessions, GovernanceEndpointsContext governance) =>
            WithPerson(http, sessions, governance, person => Team(governance, person))).ExcludeFromDescription();
        endpoints.MapGet("/manage/grant", (HttpContext http, AdminSessions sessions, GovernanceEndpointsContext governance, string? subject) =>
            WithPerson(http, sessions, governance, person => GrantPage(governance, person, new GrantForm(subject), null))).ExcludeFromDescription();
        endpoints.MapPost("/manage/grant", Grant).ExcludeFromDescription();
        endpoints.MapGet("/manage/exemptions", (HttpContext http, AdminSessions sessions, GovernanceEndpointsContext governance, string? notice) =>
            WithPerson(http, sessions, governance, person => ActiveExemptions(governance, person, notice))).ExcludeFromDescription();
        endpoints.MapPost("/manage/exemptions/{id:guid}/revoke", Revoke).ExcludeFromDescription();
        endpoints.MapMyDataPage();
        endpoints.MapRightsRequestPages();
        endpoints.MapPrivacyOfficerPage();
        endpoints.MapInvestigationPages();
        return endpoints;
    }

    private static async Task<IResult> Login(HttpContext http, AdminSessions sessions, GovernanceEndpointsContext governance)
    {
        if (!AdminIdentity.IsSameOrigin(http))
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        var outcome = governance.SignIn.SignIn(form["user"], form["password"], AdminIdentity.ClientKey(http), "page");
        if (!outcome.Succeeded)
        {
            var status = outcome.Problem.Kind == ProblemKind.TooManyAttempts ? StatusCodes.Status429TooManyRequests : StatusCodes.Status401Unauthorized;
            return LoginPage(outcome.Problem.Reason, form["user"], status);
        }

        // Managers come for their team; everyone else, privacy officers included, starts at their own data (article 8).
        sessions.Start(http, outcome.Value.Id);
        var home = governance.State.Directory.Team(outcome.Value.Id).Count > 0 ? "/manage" : "/me";
        return Results.Redirect(home, permanent: false);
    }

    private static IResult LoginPage(string? error, string? user, int status = StatusCodes.Status200OK)
    {
        var body = new StringBuilder();
        if (error is not null)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"error\" id=\"error\">{PageHtml.Encode(error)}</p>");
        }

        body.Append(CultureInfo.InvariantCulture, $"""
            <form method="post" action="/login">
            <label for="user">User name</label><input id="user" name="user" autocomplete="username" value="{PageHtml.Encode(user)}" required>
            <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
            <p><button id="sign-in" type="submit">Sign in</button></p></form>
            <p>Sign in with your municipal account. Every sign-in is recorded in the governance log.</p>
            """);
        return PageHtml.Page("Sign in", body.ToString(), signedIn: null, status);
    }

    private static IResult Team(GovernanceEndpointsContext governance, Person person)
    {
        var directory = governance.State.Directory;
        var team = directory.Team(person.Id);
        var body = new StringBuilder();
        if (team.Count == 0)
        {
            body.Append("<p>Nobody reports to you in the directory. Your own exemptions are under <a href=\"/manage/exemptions\">Active exemptions</a>.</p>");
            return PageHtml.Page("My team", body.ToString(), person.DisplayName);
        }

        var exemptions = governance.Exemptions.List(Actor.Page(person.Id), new ExemptionQuery(ActiveOnly: true), TeamPurpose);
        var teamRead = governance.Directory.List(Actor.Page(person.Id), TeamPurpose);
        if (!exemptions.Succeeded || !teamRead.Succeeded)
        {
            return PageHtml.Page("My team", $"<p class=\"error\">{PageHtml.Encode((exemptions.Problem ?? teamRead.Problem)!.Reason)}</p>", person.DisplayName, StatusCodes.Status403Forbidden);
        }

        body.Append("<table id=\"team\"><thead><tr><th>Name</th><th>User name</th><th>Active exemptions</th><th></th></tr></thead><tbody>");
        foreach (var member in team)
        {
            var active = exemptions.Value.Where(e => e.SubjectId == member.Id).Select(e => Describe(e, governance.TimeProvider.GetUtcNow(), governance.TimeZone));
            body.Append(CultureInfo.InvariantCulture, $"""
                <tr data-person="{PageHtml.Encode(member.Id)}"><td>{PageHtml.Encode(member.DisplayName)}</td><td>{PageHtml.Encode(member.Id)}</td>
                <td>{string.Join("<br>", active.Select(PageHtml.Encode))}</td>
                <td><a href="/manage/grant?subject={Uri.EscapeDataString(member.Id)}">Grant an exemption</a></td></tr>
                """);
        }

        body.Append("</tbody></table>");
        return PageHtml.Page("My team", body.ToString(), person.DisplayName);
    }

    private static IResult GrantPage(GovernanceEndpointsContext governance, Person person, GrantForm form, Problem? problem)
    {
        var team = governance.State.Directory.Team(person.Id);
        if (!person.HasRole(Role.Manager) || team.Count == 0)
        {
            return PageHtml.Page("Grant an exemption",
                "<p class=\"error\">Only a manager grants research exemptions, and only to the people who report to them directly (article 5.4).</p>",
                person.DisplayName, StatusCodes.Status403Forbidden);
        }

        var now = governance.TimeProvider.GetUtcNow();
        var body = new StringBuilder();
        if (problem is not null)
        {
            body.Append(RightsPageParts.Error(problem));
        }

        body.Append("""<form method="post" action="/manage/grant"><label for="subject">Person</label><select id="subject" name="subject">""");
        foreach (var member in team)
        {
            var selected = member.Id == form.Subject ? " selected" : string.Empty;
            body.Append(CultureInfo.InvariantCulture, $"<option value=\"{PageHtml.Encode(member.Id)}\"{selected}>{PageHtml.Encode(member.DisplayName)} ({PageHtml.Encode(member.Id)})</option>");
        }

        body.Append("</select><fieldset><legend>Categories the person may visit for their work</legend>");
        foreach (var category in RegulationCategoryNames.All.Select(RegulationCategoryNames.Name))
        {
            var isChecked = form.Categories.Contains(category) ? " checked" : string.Empty;
            body.Append(CultureInfo.InvariantCulture, $"<label><input type=\"checkbox\" name=\"categories\" value=\"{category}\" id=\"category-{category}\"{isChecked}> {category}</label>");
        }

        var start = form.Start ?? PageTimes.ToInput(now, governance.TimeZone);
        var end = form.End ?? PageTimes.ToInput(now.AddDays(30), governance.TimeZone);
        body.Append(CultureInfo.InvariantCulture, $"""
            </fieldset>
            <label for="start">From ({PageHtml.Encode(governance.TimeZone.Id)})</label><input id="start" name="start" type="datetime-local" value="{PageHtml.Encode(start)}" required>
            <label for="end">Until (at most {governance.Exemptions.MaxPeriod.TotalDays:0} days)</label><input id="end" name="end" type="datetime-local" value="{PageHtml.Encode(end)}" required>
            <label for="reason">Reason: the investigation or control task this serves</label><textarea id="reason" name="reason" required>{PageHtml.Encode(form.Reason)}</textarea>
            <p><button id="grant" type="submit">Grant</button></p></form>
            <p>The exemption applies from the start, only to requests the person makes signed in to the proxy, and ends by itself. The grant is recorded in the governance log.</p>
            """);
        return PageHtml.Page("Grant an exemption", body.ToString(), person.DisplayName, problem is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    private static Task<IResult> Grant(HttpContext http, AdminSessions sessions, GovernanceEndpointsContext governance) =>
        WithPostedFormAsync(http, sessions, governance, (person, values) =>
        {
            var form = new GrantForm(values["subject"])
            {
                Categories = [.. values["categories"].OfType<string>()],
                Start = values["start"],
                End = values["end"],
                Reason = values["reason"],
            };
            if (!PageTimes.TryRead(form.Start, governance.TimeZone, out var start))
            {
                return GrantPage(governance, person, form, Problem.Invalid("start", "enter the start as a date and time"));
            }

            if (!PageTimes.TryRead(form.End, governance.TimeZone, out var end))
            {
                return GrantPage(governance, person, form, Problem.Invalid("end", "enter the end as a date and time"));
            }

            // A start a few minutes ago is "from now": the form was filled in then.
            var outcome = governance.Exemptions.GrantResearch(Actor.Page(person.Id), new ResearchGrantRequest(form.Subject, form.Categories, start, end, form.Reason));
            return outcome.Succeeded
                ? Results.Redirect($"/manage/exemptions?notice=granted", permanent: false)
                : GrantPage(governance, person, form, outcome.Problem);
        });

    private static IResult ActiveExemptions(GovernanceEndpointsContext governance, Person person, string? notice)
    {
        var now = governance.TimeProvider.GetUtcNow();
        var listed = governance.Exemptions.List(Actor.Page(person.Id), new ExemptionQuery(), TeamPurpose);
        if (!listed.Succeeded)
        {
            return PageHtml.Page("Active exemptions", $"<p class=\"error\">{PageHtml.Encode(listed.Problem.Reason)}</p>", person.DisplayName, StatusCodes.Status403Forbidden);
        }

        var current = listed.Value.Where(e => now < e.EffectiveEnd).ToArray();
        var body = new StringBuilder();
        if (notice is "granted" or "revoked")
        {
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"notice\" id=\"notice\">The exemption was {notice}; the proxy applies it within a second.</p>");
        }

        if (current.Length == 0)
        {
            body.Append("<p id=\"none\">No exemption you can see is active or scheduled.</p>");
            return PageHtml.Page("Active exemptions", body.ToString(), person.DisplayName);
        }

        body.Append("<table id=\"exemptions\"><thead><tr><th>Person</th><th>Exemption</th><th>From</th><th>Until</th><th>Granted by</th><th>Reason</th><th></th></tr></thead><tbody>");
        var directory = governance.State.Directory;
        foreach (var exemption in current)
        {
            var subject = directory.Find(exemption.SubjectId)?.DisplayName ?? exemption.SubjectId;
            var revoke = ExemptionRules.ValidateRevocation(exemption, person.Id, directory, now) is null
                ? $"<form method=\"post\" action=\"/manage/exemptions/{exemption.Id}/revoke\"><button type=\"submit\">Revoke</button></form>"
                : string.Empty;
            body.Append(CultureInfo.InvariantCulture, $"""
                <tr data-exemption="{exemption.Id}" data-subject="{PageHtml.Encode(exemption.SubjectId)}"><td>{PageHtml.Encode(subject)}</td><td>{PageHtml.Encode(ExemptionText.What(exemption, now))}</td>
                <td>{PageTimes.Show(exemption.Start, governance.TimeZone)}</td><td>{PageTimes.Show(exemption.End, governance.TimeZone)}</td>
                <td>{PageHtml.Encode(exemption.GrantedBy)}</td><td>{PageHtml.Encode(exemption.Reason)}</td><td>{revoke}</td></tr>
                """);
        }

        body.Append("</tbody></table>");
        return PageHtml.Page("Active exemptions", body.ToString(), person.DisplayName);
    }

    private static IResult Revoke(HttpContext http, AdminSessions sessions, GovernanceEndpointsContext governance, Guid id) =>
        WithSameOriginPerson(http, sessions, governance, person =>
        {
            var outcome = governance.Exemptions.Revoke(Actor.Page(person.Id), id, reason: null);
            return outcome.Succeeded
                ? Results.Redirect("/manage/exemptions?notice=revoked", permanent: false)
                : PageHtml.Page("Active exemptions", $"<p class=\"error\" id=\"error\">{PageHtml.Encode(outcome.Problem.Reason)}</p>", person.DisplayName, StatusCodes.Status400BadRequest);
        });

    /// <summary>The page for the session's person, or a redirect to sign in; shared by every page on the admin port.</summary>
    internal static IResult WithPerson(HttpContext http, AdminSessions sessions, GovernanceEndpointsContext governance, Func<Person, IResult> page) =>
        Person(http, sessions, governance) is { } person ? page(person) : Results.Redirect("/login", permanent: false);

    /// <summary>
    /// A page POST that posts no form: the session's person or a redirect to sign in, then 403 unless the post comes from
    /// the admin port's own pages (<see cref="AdminIdentity.IsSameOrigin"/>), then <paramref name="handle"/>.
    /// </summary>
    internal static IResult WithSameOriginPerson(HttpContext http, AdminSessions sessions, GovernanceEndpointsContext governance, Func<Person, IResult> handle) =>
        MayPost(http, sessions, governance, out var person, out var refusal) ? handle(person) : refusal;

    /// <summary>
    /// A page POST: the session's person or a redirect to sign in, then 403 unless the post comes from the admin port's
    /// own pages (<see cref="AdminIdentity.IsSameOrigin"/>), then the posted form read and given to <paramref name="handle"/>.
    /// </summary>
    internal static async Task<IResult> WithPostedFormAsync(HttpContext http, AdminSessions sessions, GovernanceEndpointsContext governance, Func<Person, IFormCollection, IResult> handle)
    {
        if (!MayPost(http, sessions, governance, out var person, out var refusal))
        {
            return refusal;
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        return handle(person, form);
    }

    /// <summary>The session's person while they are in the directory; null when not signed in.</summary>
    internal static Person? Person(HttpContext http, AdminSessions sessions, GovernanceEndpointsContext governance) =>
        sessions.Find(http) is { } id ? governance.State.Directory.Find(id) : null;

    /// <summary>The poster when signed in and posting from the same origin; else the redirect to sign in, or 403.</summary>
    private static bool MayPost(
        HttpContext http,
        AdminSessions sessions,
        GovernanceEndpointsContext governance,
        [NotNullWhen(true)] out Person? person,
        [NotNullWhen(false)] out IResult? refusal)
    {
        person = Person(http, sessions, governance);
        if (person is null)
        {
            refusal = Results.Redirect("/login", permanent: false);
            return false;
        }

        if (!AdminIdentity.IsSameOrigin(http))
        {
            person = null;
            refusal = Results.StatusCode(StatusCodes.Status403Forbidden);
            return false;
        }

        refusal = null;
        return true;
    }

    private static string Describe(Exemption exemption, DateTimeOffset now, TimeZoneInfo zone) =>
        $"{ExemptionText.What(exemption, now)} until {PageTimes.Show(exemption.End, zone)}";

    /// <summary>The grant form's input, kept when a grant is refused so nothing typed is lost.</summary>
    private sealed record GrantForm(string? Subject)
    {
        public IReadOnlyList<string> Categories { get; init; } = [];

        public string? Start { get; init; }

        public string? End { get; init; }

        public string? Reason { get; init; }
    }
}
