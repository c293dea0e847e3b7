using System.Net;
using WebProxy.Governance;
using WebProxy.Governance.Rights;
using WebProxy.Policy.Investigations;
using WebProxy.Storage;
using static WebProxy.Testing.TestOrganisation;

namespace WebProxy.Admin.Tests.Investigations;

/// <summary>
/// The investigation pages over real HTTP, signed in through the login form: a manager requests through the form (an
/// article-6.6 subject refused without being named, nothing stored), the secretary decides and holds on the detail
/// page (the requester is refused with the reason), a named reader reads the report and downloads the CSV with a
/// purpose that goes into the governance log (without one, or as anyone else, nothing is read and nothing recorded),
/// cross-site posts are refused, and what people typed is shown encoded.
/// </summary>
public sealed class InvestigationPagesTests
{
    private const string PagePurpose = "managing investigations (investigation pages)";
    private const string ReadPurpose = "Preparing the hearing with the subject on 12 March";

    [Fact]
    public async Task A_manager_requests_through_the_form_and_is_sent_to_the_detail_page_with_the_request_recorded()
    {
        await using var server = await InvestigationPagesServer.StartAsync();
        using var manager = await server.SignInAsync(Manager);

        var form = await manager.GetAsync("/investigations/request");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        Assert.Contains("value=\"2025-03-03T10:00\"", form.Html, StringComparison.Ordinal); // now, in Amsterdam
        Assert.Contains("id=\"scope-traffic\" checked", form.Html, StringComparison.Ordinal);

        using var response = await manager.PostAsync("/investigations/request", Fields(Researcher, readers: "s.officer,  m.jansen"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        var investigation = Assert.Single(server.Governance.State.Investigations.All);
        Assert.Equal($"/investigations/{investigation.Id}?notice=requested", location);
        Assert.Equal((Researcher, InvestigationScope.Content, InvestigationState.Requested), (investigation.SubjectId, investigation.Scope, investigation.State));
        Assert.Equal(new[] { SecurityOfficer, Manager }, investigation.Readers);
        Assert.Equal(new DateTimeOffset(2025, 3, 3, 10, 0, 0, TimeSpan.Zero), investigation.Start); // 11:00 in Amsterdam
        Assert.Equal(new DateTimeOffset(2025, 3, 10, 10, 0, 0, TimeSpan.Zero), investigation.End);
        var record = Assert.Single(server.Records(), r => r.Action == GovernanceAction.InvestigationRequested);
        Assert.Equal((Manager, Researcher), (record.Actor, record.Subject));
        Assert.Contains("\"via\":\"page\"", record.Details, StringComparison.Ordinal);

        var detail = await manager.GetAsync(location);
        Assert.Equal(HttpStatusCode.OK, detail.Status);
        Assert.Contains("id=\"notice\"", detail.Html, StringComparison.Ordinal);
        Assert.Contains("Ruud Bakker (r.bakker)", detail.Element("id=\"particulars\"", "</table>"), StringComparison.Ordinal);
        Assert.Contains("requested", detail.Element("id=\"state\"", "</td>"), StringComparison.Ordinal);
        Assert.Contains(server.Records(), r => r.Action == GovernanceAction.PersonalDataRead && r.Actor == Manager && r.Subject == Researcher && r.Purpose == PagePurpose);
    }

    [Fact]
    public async Task Requesting_a_works_council_member_is_refused_without_naming_them_and_nothing_is_stored()
    {
        await using var server = await InvestigationPagesServer.StartAsync();
        using var manager = await server.SignInAsync(Manager);

        var refused = await manager.PostForPageAsync("/investigations/request", Fields(WorksCouncilMember));

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        var error = refused.Element("id=\"error\"", "</p>");
        Assert.Contains("6.6", error, StringComparison.Ordinal);
        Assert.DoesNotContain(WorksCouncilMember, error, StringComparison.Ordinal);
        Assert.DoesNotContain("Wim Raad", refused.Text, StringComparison.Ordinal);
        Assert.Contains("Suspected leaking of tender documents</textarea>", refused.Text, StringComparison.Ordinal); // input kept
        Assert.Empty(server.Governance.State.Investigations.All);
        Assert.DoesNotContain(server.Records(), r => r.Action == GovernanceAction.InvestigationRequested);
        var refusal = Assert.Single(server.Records(), r => r.Action == GovernanceAction.InvestigationRefused);
        Assert.Null(refusal.Subject);
        Assert.DoesNotContain(WorksCouncilMember, refusal.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_long_a_period_and_a_requester_without_the_role_are_refused_next_to_the_form()
    {
        await using var server = await InvestigationPagesServer.StartAsync();
        using var manager = await server.SignInAsync(Manager);
        using var employee = await server.SignInAsync(Colleague);

        var tooLong = await manager.PostForPageAsync("/investigations/request", Fields(Researcher, end: "2025-03-20T10:00"));
        var noRole = await employee.PostForPageAsync("/investigations/request", Fields(Researcher));

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.Status);
        Assert.Contains("data-field=\"end\"", tooLong.Html, StringComparison.Ordinal);
        Assert.Contains("the maximum is", tooLong.Element("id=\"error\"", "</p>"), StringComparison.Ordinal);
        Assert.Contains("value=\"2025-03-20T10:00\"", tooLong.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, noRole.Status);
        Assert.Contains("not a manager or a security officer", noRole.Element("id=\"error\"", "</p>"), StringComparison.Ordinal);
        Assert.Empty(server.Governance.State.Investigations.All);
    }

    [Fact]
    public async Task The_secretary_approves_on_the_detail_page_and_the_requester_cannot()
    {
        await using var server = await InvestigationPagesServer.StartAsync();
        var id = server.Request(Manager, Researcher, [SecurityOfficer]);
        using var manager = await server.SignInAsync(Manager);
        using var secretary = await server.SignInAsync(Secretary);

        var own = await manager.PostForPageAsync($"/investigations/{id}/approve", new() { ["deferDisclosure"] = "true" });
        Assert.Equal(HttpStatusCode.Forbidden, own.Status);
        var decide = own.Element("id=\"decide\"", "</section>");
        Assert.Contains("is not the municipal secretary", decide, StringComparison.Ordinal);
        Assert.Contains("id=\"deferDisclosure\" checked", decide, StringComparison.Ordinal);
        Assert.Equal(InvestigationState.Requested, server.Find(id).State);

        // The secretary is a manager too: what she requested herself, she cannot approve.
        var ownRequest = server.Request(Secretary, Colleague, [SecurityOfficer]);
        var selfApproval = await secretary.PostForPageAsync($"/investigations/{ownRequest}/approve", new());
        Assert.Equal(HttpStatusCode.Forbidden, selfApproval.Status);
        Assert.Contains("the requester and the approver must be different people", selfApproval.Element("id=\"decide\"", "</section>"), StringComparison.Ordinal);
        Assert.Equal(InvestigationState.Requested, server.Find(ownRequest).State);

        var page = await secretary.GetAsync($"/investigations/{id}");
        Assert.Contains($"action=\"/investigations/{id}/approve\"", page.Html, StringComparison.Ordinal);
        using var approved = await secretary.PostAsync($"/investigations/{id}/approve", new() { ["deferDisclosure"] = "true" });

        Assert.Equal((HttpStatusCode.Redirect, $"/investigations/{id}?notice=approve"), (approved.StatusCode, approved.Headers.Location?.OriginalString));
        Assert.Equal((InvestigationState.Approved, Secretary, true), (server.Find(id).State, server.Find(id).DecidedBy, server.Find(id).DeferDisclosure));
        Assert.Contains(server.Records(), r => r.Action == GovernanceAction.InvestigationApproved && r.Actor == Secretary);
        var after = await secretary.GetAsync($"/investigations/{id}");
        Assert.Contains("approved, recording", after.Element("id=\"state\"", "</td>"), StringComparison.Ordinal);
        Assert.DoesNotContain($"action=\"/investigations/{id}/approve\"", after.Html, StringComparison.Ordinal); // decided: no more approving
        Assert.Contains($"action=\"/investigations/{id}/legal-hold\"", after.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_named_reader_reads_the_report_with_a_purpose_and_the_read_is_recorded_with_it()
    {
        await using var server = await InvestigationPagesServer.StartAsync();
        var id = server.Request(Manager, Researcher, [SecurityOfficer], scope: "content");
        server.Approve(id);
        server.Governance.Captures.Append(server.Find(id), server.Clock.GetUtcNow().AddMinutes(5), "shop.example", "https://shop.example/cart?item=42", 12_000, 800, null, "allow");
        server.Governance.Captures.Flush();
        using var reader = await server.SignInAsync(SecurityOfficer);

        var detail = await reader.GetAsync($"/investigations/{id}");
        Assert.Contains($"action=\"/investigations/{id}/report\"", detail.Element("id=\"read\"", "</section>"), StringComparison.Ordinal);
        var report = await reader.PostForPageAsync($"/investigations/{id}/report", new() { ["purpose"] = ReadPurpose });

        Assert.Equal(HttpStatusCode.OK, report.Status);
        var records = report.Element("id=\"records\"", "</table>");
        Assert.Contains("2025-03-03 10:05:00", records, StringComparison.Ordinal); // Amsterdam
        Assert.Contains("shop.example", records, StringComparison.Ordinal);
        Assert.Contains("https://shop.example/cart?item=42", records, StringComparison.Ordinal);
        Assert.Contains("12,000", records, StringComparison.Ordinal);
        Assert.Contains($"action=\"/investigations/{id}/report.csv\"", report.Html, StringComparison.Ordinal);
        var read = Assert.Single(server.Records(), r => r.Action == GovernanceAction.InvestigationReportRead);
        Assert.Equal((SecurityOfficer, Researcher, ReadPurpose), (read.Actor, read.Subject, read.Purpose));
        Assert.Contains("\"format\":\"report\"", read.Details, StringComparison.Ordinal);
        Assert.Contains("\"via\":\"page\"", read.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_traffic_report_has_no_url_column()
    {
        await using var server = await InvestigationPagesServer.StartAsync();
        var id = server.Request(Manager, Researcher, [SecurityOfficer]);
        server.Approve(id);
        server.Governance.Captures.Append(server.Find(id), server.Clock.GetUtcNow(), "shop.example", "https://shop.example/cart?item=42", 1, 2, null, "allow");
        server.Governance.Captures.Flush();
        using var reader = await server.SignInAsync(SecurityOfficer);

        var report = await reader.PostForPageAsync($"/investigations/{id}/report", new() { ["purpose"] = ReadPurpose });

        Assert.Equal(HttpStatusCode.OK, report.Status);
        Assert.Contains("shop.example", report.Element("id=\"records\"", "</table>"), StringComparison.Ordinal);
        Assert.DoesNotContain("<th>URL</th>", report.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("/cart", report.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_without_purpose_or_by_someone_not_named_is_refused_with_the_reason_and_records_nothing()
    {
        await using var server = await InvestigationPagesServer.StartAsync();
        var id = server.Request(Manager, Researcher, [SecurityOfficer]);
        server.Approve(id);
        using var reader = await server.SignInAsync(SecurityOfficer);
        using var requester = await server.SignInAsync(Manager);
        var before = server.Records().Count;

        var noPurpose = await reader.PostForPageAsync($"/investigations/{id}/report", new() { ["purpose"] = "   " });
        var noCsvPurpose = await reader.PostForPageAsync($"/investigations/{id}/report.csv", new());
        var notNamed = await requester.PostForPageAsync($"/investigations/{id}/report", new() { ["purpose"] = "Curious" });

        Assert.Equal(HttpStatusCode.BadRequest, noPurpose.Status);
        Assert.Contains("needs a stated purpose", noPurpose.Element("id=\"error\"", "</p>"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noCsvPurpose.Status);
        Assert.Equal(HttpStatusCode.Forbidden, notNamed.Status);
        Assert.Contains("not named as a reader", notNamed.Element("id=\"error\"", "</p>"), StringComparison.Ordinal);
        Assert.Contains("value=\"Curious\"", notNamed.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"records\"", notNamed.Html, StringComparison.Ordinal);
        Assert.Equal(before, server.Records().Count);
    }

    [Fact]
    public async Task The_csv_download_through_the_form_is_a_read_recorded_with_its_purpose()
    {
        await using var server = await InvestigationPagesServer.StartAsync();
        var id = server.Request(Manager, Researcher, [SecurityOfficer]);
        server.Approve(id);
        server.Governance.Captures.Append(server.Find(id), server.Clock.GetUtcNow(), "shop.example", null, 1_234, 56, "gambling", "block");
        server.Governance.Captures.Flush();
        using var reader = await server.SignInAsync(SecurityOfficer);

        using var csv = await reader.PostAsync($"/investigations/{id}/report.csv", new() { ["purpose"] = ReadPurpose });
        var text = await csv.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"investigation-{id}.csv", csv.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.StartsWith("captured_at,host,bytes_to_client,bytes_to_origin,category,decision\r\n", text, StringComparison.Ordinal);
        Assert.Contains("shop.example,1234,56,gambling,block", text, StringComparison.Ordinal);
        var read = Assert.Single(server.Records(), r => r.Action == GovernanceAction.InvestigationReportRead);
        Assert.Equal((SecurityOfficer, ReadPurpose), (read.Actor, read.Purpose));
        Assert.Contains("\"format\":\"csv\"", read.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_secretary_sets_and_releases_a_legal_hold_and_a_hold_without_reason_is_refused()
    {
        await using var server = await InvestigationPagesServer.StartAsync();
        var id = server.Request(Manager, Researcher, [SecurityOfficer]);
        server.Approve(id);
        using var secretary = await server.SignInAsync(Secretary);
        using var manager = await server.SignInAsync(Manager);

        var noReason = await secretary.PostForPageAsync($"/investigations/{id}/legal-hold", new() { ["reason"] = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.Status);
        Assert.Contains("needs a reason", noReason.Element("id=\"legal-hold\"", "</section>"), StringComparison.Ordinal);
        var byManager = await manager.PostForPageAsync($"/investigations/{id}/legal-hold", new() { ["reason"] = "Court case pending" });
        Assert.Equal(HttpStatusCode.Forbidden, byManager.Status);
        Assert.Contains("Court case pending</textarea>", byManager.Text, StringComparison.Ordinal);
        Assert.False(server.Find(id).IsOnLegalHold);

        using var set = await secretary.PostAsync($"/investigations/{id}/legal-hold", new() { ["reason"] = "Court case 2025/117 pending" });
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.True(server.Find(id).IsOnLegalHold);
        var held = await secretary.GetAsync($"/investigations/{id}");
        Assert.Contains("on legal hold", held.Element("id=\"state\"", "</td>"), StringComparison.Ordinal);
        Assert.Contains("Court case 2025/117 pending", held.Text, StringComparison.Ordinal);
        Assert.Contains($"action=\"/investigations/{id}/legal-hold/release\"", held.Html, StringComparison.Ordinal);

        using var released = await secretary.PostAsync($"/investigations/{id}/legal-hold/release", new() { ["reason"] = "Case settled" });
        Assert.Equal((HttpStatusCode.Redirect, $"/investigations/{id}?notice=legal-hold%2Frelease"), (released.StatusCode, released.Headers.Location?.OriginalString));
        Assert.False(server.Find(id).IsOnLegalHold);
        Assert.Contains(server.Records(), r => r.Action == GovernanceAction.LegalHoldSet && r.Actor == Secretary);
        Assert.Contains(server.Records(), r => r.Action == GovernanceAction.LegalHoldReleased && r.Actor == Secretary);
        var after = await secretary.GetAsync($"/investigations/{id}?notice=legal-hold%2Frelease");
        Assert.Contains("The legal hold was released", after.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_posted_from_another_origin_is_refused_and_changes_nothing()
    {
        await using var server = await InvestigationPagesServer.StartAsync();
        var id = server.Request(Manager, Researcher, [SecurityOfficer]);
        using var manager = await server.SignInAsync(Manager);
        using var secretary = await server.SignInAsync(Secretary);
        using var reader = await server.SignInAsync(SecurityOfficer);
        var before = server.Records().Count;
        const string Evil = "https://evil.example";

        using var request = await manager.PostAsync("/investigations/request", Fields(Colleague), Evil);
        using var approve = await secretary.PostAsync($"/investigations/{id}/approve", new(), Evil);
        using var withdraw = await manager.PostAsync($"/investigations/{id}/withdraw", new() { ["reason"] = "x" }, Evil);

        Assert.Equal(HttpStatusCode.Forbidden, request.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, approve.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, withdraw.StatusCode);
        server.Approve(id);
        using var read = await reader.PostAsync($"/investigations/{id}/report", new() { ["purpose"] = ReadPurpose }, Evil);
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Single(server.Governance.State.Investigations.All);
        Assert.Equal(before + 1, server.Records().Count); // the approval made here, nothing else
    }

    [Fact]
    public async Task Markup_typed_in_a_purpose_is_shown_encoded()
    {
        await using var server = await InvestigationPagesServer.StartAsync();
        const string Markup = "<script>alert('x')</script><b>bold</b>";
        using var manager = await server.SignInAsync(Manager);
        using var reader = await server.SignInAsync(SecurityOfficer);

        var refused = await manager.PostForPageAsync("/investigations/request", Fields(Researcher, purpose: Markup, end: "not a time"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        using var response = await manager.PostAsync("/investigations/request", Fields(Researcher, purpose: Markup));
        var id = Assert.Single(server.Governance.State.Investigations.All).Id;
        server.Approve(id);
        var detail = await manager.GetAsync($"/investigations/{id}");
        var list = await manager.GetAsync("/investigations");
        var report = await reader.PostForPageAsync($"/investigations/{id}/report", new() { ["purpose"] = Markup });

        foreach (var page in new[] { refused, detail, report })
        {
            Assert.Contains(Markup, page.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>", page.Html, StringComparison.Ordinal);
            Assert.DoesNotContain("<b>bold", page.Html, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Equal(Markup, Assert.Single(server.Records(), r => r.Action == GovernanceAction.InvestigationReportRead).Purpose);
    }

    [Fact]
    public async Task The_list_shows_what_the_person_may_see_records_the_read_and_offers_requesting_to_managers_only()
    {
        await using var server = await InvestigationPagesServer.StartAsync();
        var id = server.Request(Manager, Researcher, [SecurityOfficer]);
        server.Approve(id);
        server.Governance.Investigations.SetLegalHold(Actor.Api(Secretary), id, "Court case pending");
        using var manager = await server.SignInAsync(Manager);
        using var employee = await server.SignInAsync(Colleague);

        var list = await manager.GetAsync("/investigations");
        var none = await employee.GetAsync("/investigations");

        Assert.Equal(HttpStatusCode.OK, list.Status);
        var row = list.Element($"data-investigation=\"{id}\"", "</tr>");
        Assert.Contains("Ruud Bakker (r.bakker)", row, StringComparison.Ordinal);
        Assert.Contains("approved, recording, on legal hold", row, StringComparison.Ordinal);
        Assert.Contains("Marieke Jansen (m.jansen)", row, StringComparison.Ordinal);
        Assert.Contains($"href=\"/investigations/{id}\"", row, StringComparison.Ordinal);
        Assert.Contains("href=\"/investigations/request\"", list.Html, StringComparison.Ordinal);
        Assert.Contains(server.Records(), r => r.Action == GovernanceAction.PersonalDataRead && r.Actor == Manager && r.Subject == Researcher && r.Purpose == PagePurpose);
        Assert.Equal(HttpStatusCode.OK, none.Status);
        Assert.Contains("id=\"none\"", none.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/investigations/request\"", none.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Ruud Bakker", none.Text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/investigations\">Investigations</a>", none.Html, StringComparison.Ordinal);
        var unseen = await employee.GetAsync($"/investigations/{id}");
        Assert.Equal(HttpStatusCode.NotFound, unseen.Status);
    }

    [Fact]
    public async Task A_blocked_investigations_report_is_refused_with_the_reason()
    {
        await using var server = await InvestigationPagesServer.StartAsync();
        var id = server.Request(Manager, Researcher, [SecurityOfficer]);
        server.Approve(id);
        server.Clock.Advance(TimeSpan.FromDays(2)); // ended
        var filed = server.Governance.RightsRequests.File(Actor.Api(Researcher), new RightsRequestFiling("block", "Stop giving out my visits"));
        Assert.True(server.Governance.RightsRequests.Answer(Actor.Api(PrivacyOfficer), filed.Value!.Id,
            new RightsRequestAnswer("granted", "Blocked", BlockCapturedRequests: true)).Succeeded);
        using var reader = await server.SignInAsync(SecurityOfficer);

        var refused = await reader.PostForPageAsync($"/investigations/{id}/report", new() { ["purpose"] = ReadPurpose });

        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Contains("blocked at the subject's request", refused.Element("id=\"error\"", "</p>"), StringComparison.Ordinal);
        Assert.DoesNotContain(server.Records(), r => r.Action == GovernanceAction.InvestigationReportRead);
        var detail = await reader.GetAsync($"/investigations/{id}");
        Assert.Contains("records blocked", detail.Element("id=\"state\"", "</td>"), StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Fields(
        string subject,
        string purpose = "Suspected leaking of tender documents",
        string readers = SecurityOfficer,
        string start = "2025-03-03T11:00",
        string end = "2025-03-10T11:00") => new()
        {
            ["subject"] = subject,
            ["purpose"] = purpose,
            ["legalGround"] = "Article 6.2 Privacyreglement",
            ["scope"] = "content",
            ["start"] = start,
            ["end"] = end,
            ["readers"] = readers,
        };
}
