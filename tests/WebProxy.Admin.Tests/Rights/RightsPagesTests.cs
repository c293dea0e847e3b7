using System.Net;
using WebProxy.Governance;
using WebProxy.Storage;
using static WebProxy.Testing.TestOrganisation;

namespace WebProxy.Admin.Tests.Rights;

/// <summary>
/// The article-8 pages over real HTTP, signed in through the login form: My data shows a person what is held about
/// them and who read it, and nothing about anyone else; My requests files a request, keeping the input when the rules
/// refuse it; the privacy officer's page lists the open requests, marks and counts the overdue ones, and answers them;
/// cross-site form posts are refused.
/// </summary>
public sealed class RightsPagesTests
{
    private const string ReviewPurpose = "Preparing the annual review";
    private const string PagePurpose = "answering rights requests (privacy officer page)";

    [Fact]
    public async Task Signing_in_sends_managers_to_their_team_and_everyone_else_to_their_data()
    {
        await using var server = await RightsServer.StartAsync();

        using var manager = await PageSession.SignInAsync(server, Manager);
        using var employee = await PageSession.SignInAsync(server, Colleague);
        using var officer = await PageSession.SignInAsync(server, PrivacyOfficer);

        Assert.Equal(("/manage", "/me", "/me"), (manager.Landing, employee.Landing, officer.Landing));
        using var anonymous = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = server.Client.BaseAddress };
        foreach (var path in new[] { "/me", "/me/requests", "/privacy/requests" })
        {
            using var response = await anonymous.GetAsync(path);
            Assert.Equal((HttpStatusCode.Redirect, "/login"), (response.StatusCode, response.Headers.Location?.OriginalString));
        }
    }

    [Fact]
    public async Task My_data_shows_the_persons_exemption_investigation_and_who_read_it_and_nothing_about_anyone_else()
    {
        await using var server = await RightsServer.StartAsync();
        var governance = server.Governance;
        var now = server.Clock.GetUtcNow();
        Assert.True(governance.Exemptions.GrantResearch(Actor.Api(Manager),
            new ResearchGrantRequest(Researcher, ["gambling"], now, now.AddDays(30), "Gambling permit inspections")).Succeeded);
        Assert.True(governance.Exemptions.GrantResearch(Actor.Api(Manager),
            new ResearchGrantRequest(Colleague, ["chat"], now, now.AddDays(30), "Moderating the citizens' chat")).Succeeded);
        var investigation = governance.Investigations.Request(Actor.Api(Manager), new InvestigationRequest(
            Researcher, "Suspicion of running a private web shop", "Art. 6.2 Privacyreglement", "content", now.AddHours(1), now.AddDays(7), [Manager, SecurityOfficer])).Value!;
        Assert.True(governance.Investigations.Approve(Actor.Api(Secretary), investigation.Id, new InvestigationApprovalRequest()).Succeeded);
        server.Clock.Advance(TimeSpan.FromHours(2));
        governance.Captures.Append(investigation.Id, server.Clock.GetUtcNow(), "shop.example", "https://shop.example/cart?item=42", 12_000, 800, null, "allow");
        Assert.True(governance.Directory.Get(Actor.Api(Manager), Researcher, ReviewPurpose).Succeeded);
        Assert.True(governance.Directory.Get(Actor.Api(Manager), Colleague, "Checking Eva's department").Succeeded);
        await server.FileAsync(Colleague, "block", "Block my chat exemption from reports");

        using var researcher = await PageSession.SignInAsync(server, Researcher);
        var recordsBefore = server.Records().Count;
        var page = await researcher.GetAsync("/me");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(recordsBefore, server.Records().Count);
        Assert.Contains("Ruud Bakker", page.Element("id=\"entry\"", "</table>"), StringComparison.Ordinal);
        Assert.Contains("Marieke Jansen (m.jansen)", page.Element("id=\"entry\"", "</table>"), StringComparison.Ordinal);
        var exemption = page.Element("data-exemption=", "</tr>");
        Assert.Contains("Research: gambling", exemption, StringComparison.Ordinal);
        Assert.Contains("Gambling permit inspections", exemption, StringComparison.Ordinal);
        Assert.Contains("active", exemption, StringComparison.Ordinal);
        var shown = page.Element($"data-investigation=\"{investigation.Id}\"", "</section>");
        Assert.Contains("Suspicion of running a private web shop", shown, StringComparison.Ordinal);
        Assert.Contains("https://shop.example/cart?item=42", shown, StringComparison.Ordinal);
        Assert.Contains("12,000", shown, StringComparison.Ordinal);
        var read = page.Element("data-action=\"personal_data_read\" data-actor=\"m.jansen\"", "</tr>");
        Assert.Contains("Marieke Jansen (m.jansen)", read, StringComparison.Ordinal);
        Assert.Contains(ReviewPurpose, read, StringComparison.Ordinal);
        Assert.Contains("data-action=\"exemption_granted\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("You have not filed a rights request.", page.Text, StringComparison.Ordinal);

        // Nothing about Eva: not her exemption, not the read of her entry, not her request, not her name.
        Assert.DoesNotContain("Moderating the citizens' chat", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Checking Eva's department", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Block my chat exemption", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Colleague, page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Eva Visser", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task My_data_says_so_when_nothing_is_held()
    {
        await using var server = await RightsServer.StartAsync();
        using var other = await PageSession.SignInAsync(server, OtherEmployee);

        var page = await other.GetAsync("/me");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("id=\"no-exemptions\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"no-investigations\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"no-requests\"", page.Html, StringComparison.Ordinal);
        Assert.Equal("admin_login", Assert.Single(page.Html.Split("data-action=\"")[1..]).Split('"')[0]);
    }

    [Fact]
    public async Task A_filing_the_rules_refuse_keeps_the_kind_and_shows_the_reason_and_a_good_one_is_listed_with_its_due_date()
    {
        await using var server = await RightsServer.StartAsync();
        using var researcher = await PageSession.SignInAsync(server, Researcher);

        var refused = await researcher.PostForPageAsync("/me/requests", new() { ["kind"] = "delete", ["text"] = "  " });

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("<option value=\"delete\" selected>", refused.Html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"text\"", refused.Html, StringComparison.Ordinal);
        Assert.Contains("say which data it is about and what should change", refused.Element("id=\"error\"", "</p>"), StringComparison.Ordinal);
        Assert.Empty(server.Governance.RightsRequests.Mine(Actor.Api(Researcher)).Value!);

        var unknownKind = await researcher.PostForPageAsync("/me/requests", new() { ["kind"] = "forget", ["text"] = "Forget me & my visits" });
        Assert.Equal(HttpStatusCode.BadRequest, unknownKind.Status);
        Assert.Contains("Forget me & my visits</textarea>", unknownKind.Text, StringComparison.Ordinal);
        Assert.Contains("unknown kind 'forget'", unknownKind.Element("id=\"error\"", "</p>"), StringComparison.Ordinal);

        using var filed = await researcher.PostAsync("/me/requests", new() { ["kind"] = "delete", ["text"] = "Delete the shop visits of March" });
        Assert.Equal((HttpStatusCode.Redirect, "/me/requests?notice=filed"), (filed.StatusCode, filed.Headers.Location?.OriginalString));
        var listed = await researcher.GetAsync("/me/requests?notice=filed");
        Assert.Contains("Your request was filed", listed.Element("id=\"notice\"", "</p>"), StringComparison.Ordinal);
        var row = listed.Element("data-kind=\"delete\"", "</tr>");
        Assert.Contains("Delete the shop visits of March", row, StringComparison.Ordinal);
        Assert.Contains("2025-03-31 09:00", row, StringComparison.Ordinal);
        Assert.Contains("data-state=\"open\"", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_privacy_officer_sees_the_open_requests_and_after_four_weeks_the_late_one_marked_and_counted()
    {
        await using var server = await RightsServer.StartAsync();
        var first = await server.FileAsync(Researcher, "delete", "Delete the shop visits of March");
        server.Clock.Advance(TimeSpan.FromDays(2));
        var second = await server.FileAsync(Colleague, "correct", "My department is wrong");
        using (var officer = await PageSession.SignInAsync(server, PrivacyOfficer))
        {
            var page = await officer.GetAsync("/privacy/requests");

            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Contains("<p id=\"summary\">2 open, <span id=\"overdue-count\">0 overdue</span>.", page.Html, StringComparison.Ordinal);
            var shown = page.Element($"data-request=\"{first}\"", "</section>");
            Assert.Contains("Ruud Bakker (r.bakker) asks to delete", shown, StringComparison.Ordinal);
            Assert.Contains("Delete the shop visits of March", shown, StringComparison.Ordinal);
            Assert.Contains("due in 26 days", shown, StringComparison.Ordinal);
            Assert.Contains($"<section class=\"card\" id=\"request-{first}\"", page.Html, StringComparison.Ordinal);
            Assert.Contains(server.Records(), r => r.Action == GovernanceAction.PersonalDataRead && r.Actor == PrivacyOfficer && r.Subject == Researcher && r.Purpose == PagePurpose);
        }

        server.Clock.Advance(TimeSpan.FromDays(27));
        using var later = await PageSession.SignInAsync(server, PrivacyOfficer);
        var overdue = await later.GetAsync("/privacy/requests");

        Assert.Contains("<p id=\"summary\">2 open, <span id=\"overdue-count\" class=\"overdue\">1 overdue</span>.", overdue.Html, StringComparison.Ordinal);
        Assert.Contains($"<section class=\"card overdue\" id=\"request-{first}\"", overdue.Html, StringComparison.Ordinal);
        Assert.Contains("overdue by 1 day", overdue.Element($"data-request=\"{first}\"", "</section>"), StringComparison.Ordinal);
        Assert.Contains($"<section class=\"card\" id=\"request-{second}\"", overdue.Html, StringComparison.Ordinal);
        Assert.Contains("due in 1 day", overdue.Element($"data-request=\"{second}\"", "</section>"), StringComparison.Ordinal);
        Assert.True(overdue.Html.IndexOf(first.ToString(), StringComparison.Ordinal) < overdue.Html.IndexOf(second.ToString(), StringComparison.Ordinal), "oldest due date first");
    }

    [Theory]
    [InlineData(Researcher)]
    [InlineData(Manager)]
    [InlineData(Secretary)]
    public async Task Anyone_but_a_privacy_officer_is_refused_the_page_and_the_answer_with_the_reason(string person)
    {
        await using var server = await RightsServer.StartAsync();
        var id = await server.FileAsync(Colleague);
        using var session = await PageSession.SignInAsync(server, person);

        var page = await session.GetAsync("/privacy/requests");
        var answer = await session.PostForPageAsync($"/privacy/requests/{id}/answer", new() { ["outcome"] = "granted", ["text"] = "Corrected" });

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Contains("only a privacy officer lists the rights requests", page.Element("id=\"error\"", "</p>"), StringComparison.Ordinal);
        Assert.DoesNotContain("My department in the directory is wrong", page.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
        Assert.Contains("only a privacy officer answers rights requests", answer.Element("id=\"error\"", "</p>"), StringComparison.Ordinal);
        Assert.DoesNotContain(server.Records(), r => r.Action is GovernanceAction.PersonalDataRead or GovernanceAction.RightsRequestAnswered);
    }

    [Fact]
    public async Task A_refusal_without_reasons_shows_the_error_at_its_form_and_a_granted_answer_reaches_the_employee()
    {
        await using var server = await RightsServer.StartAsync();
        var id = await server.FileAsync(Researcher, "delete", "Delete the shop visits of March");
        using var officer = await PageSession.SignInAsync(server, PrivacyOfficer);
        var path = $"/privacy/requests/{id}/answer";

        var refused = await officer.PostForPageAsync(path, new() { ["outcome"] = "refused", ["text"] = "" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        var section = refused.Element($"data-request=\"{id}\"", "</section>");
        Assert.Contains("a refusal needs reasons", section, StringComparison.Ordinal);
        Assert.Contains($"value=\"refused\" id=\"refused-{id}\" required checked", section, StringComparison.Ordinal);
        Assert.False(server.Governance.RightsRequestStore.Find(id)!.IsAnswered);

        using var granted = await officer.PostAsync(path, new() { ["outcome"] = "granted", ["text"] = "The March records were deleted" });
        Assert.Equal((HttpStatusCode.Redirect, "/privacy/requests?notice=answered"), (granted.StatusCode, granted.Headers.Location?.OriginalString));
        var after = await officer.GetAsync("/privacy/requests?notice=answered");
        Assert.Contains("id=\"none\"", after.Html, StringComparison.Ordinal);
        var again = await officer.PostForPageAsync(path, new() { ["outcome"] = "refused", ["text"] = "Changed my mind" });
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Contains("was answered already", again.Element("id=\"error\"", "</p>"), StringComparison.Ordinal);

        using var researcher = await PageSession.SignInAsync(server, Researcher);
        var mine = await researcher.GetAsync("/me/requests");
        var row = mine.Element($"data-request=\"{id}\"", "</tr>");
        Assert.Contains("data-state=\"granted\"", row, StringComparison.Ordinal);
        Assert.Contains("The March records were deleted", row, StringComparison.Ordinal);
        Assert.Contains("Petra Officier (p.officer)", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Granting_a_deletion_request_with_the_erase_box_ticked_erases_what_an_ended_investigation_captured()
    {
        await using var server = await RightsServer.StartAsync();
        var governance = server.Governance;
        var now = server.Clock.GetUtcNow();
        var investigation = governance.Investigations.Request(Actor.Api(Manager), new InvestigationRequest(
            Researcher, "Suspicion of running a private web shop", "Art. 6.2 Privacyreglement", "traffic", now.AddHours(1), now.AddDays(2), [SecurityOfficer])).Value!;
        Assert.True(governance.Investigations.Approve(Actor.Api(Secretary), investigation.Id, new InvestigationApprovalRequest()).Succeeded);
        server.Clock.Advance(TimeSpan.FromHours(2));
        governance.Captures.Append(investigation.Id, server.Clock.GetUtcNow(), "shop.example", null, 12_000, 800, null, "tunnel");
        governance.Captures.Flush();
        var deletion = await server.FileAsync(Researcher, "delete", "Delete the shop visits of March");
        var correction = await server.FileAsync(Researcher, "correct", "My department is wrong");
        var blocking = await server.FileAsync(Researcher, "block", "Stop giving out the shop visits");
        using var officer = await PageSession.SignInAsync(server, PrivacyOfficer);

        // The erase box is offered for the deletion request, the block box for the blocking request, neither otherwise.
        var list = await officer.GetAsync("/privacy/requests");
        Assert.Contains($"id=\"erase-{deletion}\"", list.Html, StringComparison.Ordinal);
        Assert.Contains($"id=\"block-{blocking}\"", list.Html, StringComparison.Ordinal);
        Assert.DoesNotContain($"id=\"erase-{correction}\"", list.Html, StringComparison.Ordinal);
        Assert.DoesNotContain($"id=\"block-{correction}\"", list.Html, StringComparison.Ordinal);
        Assert.DoesNotContain($"id=\"block-{deletion}\"", list.Html, StringComparison.Ordinal);

        // While the investigation still records, the erasure is refused at the form, the box kept ticked.
        var path = $"/privacy/requests/{deletion}/answer";
        var early = await officer.PostForPageAsync(path, new() { ["outcome"] = "granted", ["text"] = "Erased", ["erase"] = "true" });
        Assert.Equal(HttpStatusCode.Conflict, early.Status);
        var section = early.Element($"data-request=\"{deletion}\"", "</section>");
        Assert.Contains("once it ended", section, StringComparison.Ordinal);
        Assert.Contains($"id=\"erase-{deletion}\" checked", section, StringComparison.Ordinal);
        Assert.Equal(1, governance.Captures.Count(investigation.Id));

        // Two days on, the investigation has ended (and the session with it: the officer signs in again).
        server.Clock.Advance(TimeSpan.FromDays(2));
        using var later = await PageSession.SignInAsync(server, PrivacyOfficer);
        using var granted = await later.PostAsync(path, new() { ["outcome"] = "granted", ["text"] = "Erased the shop visits", ["erase"] = "true" });

        Assert.Equal((HttpStatusCode.Redirect, "/privacy/requests?notice=answered"), (granted.StatusCode, granted.Headers.Location?.OriginalString));
        Assert.Equal(0, governance.Captures.Count(investigation.Id));
        Assert.Contains(server.Records(), r => r.Action == GovernanceAction.RecordsDeleted && r.Subject == Researcher);
    }

    [Fact]
    public async Task Text_people_typed_is_shown_as_text_on_every_page_never_as_markup()
    {
        const string Markup = "<script>alert(1)</script><img src=x onerror=alert(2)>";
        await using var server = await RightsServer.StartAsync();
        var id = await server.FileAsync(Researcher, "correct", "Please fix " + Markup);
        using var officer = await PageSession.SignInAsync(server, PrivacyOfficer);
        using var answered = await officer.PostAsync($"/privacy/requests/{id}/answer", new() { ["outcome"] = "refused", ["text"] = "Not possible: " + Markup });
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        // Still open, so on the officer's page.
        await server.FileAsync(Researcher, "block", "Block " + Markup);
        using var researcher = await PageSession.SignInAsync(server, Researcher);

        foreach (var (session, path) in new[] { (officer, "/privacy/requests"), (researcher, "/me/requests"), (researcher, "/me") })
        {
            var page = await session.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.DoesNotContain("<script>alert", page.Html, StringComparison.Ordinal);
            Assert.DoesNotContain("<img src=x", page.Html, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page.Html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_form_posted_from_another_site_is_refused_and_changes_nothing()
    {
        await using var server = await RightsServer.StartAsync();
        var id = await server.FileAsync(Researcher);
        using var researcher = await PageSession.SignInAsync(server, Researcher);
        using var officer = await PageSession.SignInAsync(server, PrivacyOfficer);
        const string Elsewhere = "https://evil.example";

        using var filing = await researcher.PostAsync("/me/requests", new() { ["kind"] = "delete", ["text"] = "Delete everything" }, Elsewhere);
        using var answer = await officer.PostAsync($"/privacy/requests/{id}/answer", new() { ["outcome"] = "granted", ["text"] = "Done" }, Elsewhere);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (filing.StatusCode, answer.StatusCode));
        Assert.Single(server.Governance.RightsRequests.Mine(Actor.Api(Researcher)).Value!);
        Assert.False(server.Governance.RightsRequestStore.Find(id)!.IsAnswered);
    }
}
