using System.Net;
using WebProxy.Policy.Identity;
using WebProxy.Policy.Investigations;
using static WebProxy.Testing.TestOrganisation;

namespace WebProxy.Admin.Tests.Investigations;

/// <summary>
/// The refusals of issue 6 through the admin API, each a problem (RFC 9457) naming the field with a clear message:
/// a subject protected by article 6.6, at the request and again at the approval, refused and recorded without naming
/// them; the requester approving their own request; a content scope approved by anyone but the municipal secretary
/// (article 6.3); an investigation of a political office holder approved or read by anyone but the mayor (article 6.7).
/// </summary>
public sealed class InvestigationRefusalApiTests
{
    [Fact]
    public async Task A_request_naming_a_protected_person_is_refused_and_recorded_without_naming_them()
    {
        await using var server = await InvestigationServer.StartAsync();
        var body = InvestigationServer.RequestBody(WorksCouncilMember, [SecurityOfficer]);
        body["purpose"] = "Wim Raad (w.raad) is suspected of passing on tender documents";
        body["legalGround"] = "Article 6.2, concerning w.raad";

        var refused = await server.PostAsync(Manager, "/api/investigations", body);

        Assert.True(refused.Status == HttpStatusCode.Forbidden, refused.ToString());
        Assert.Equal("subject", refused.Field);
        Assert.Contains("article 6.6", refused.Text, StringComparison.Ordinal);
        AssertDoesNotName(refused.Text, WorksCouncilMember, "Wim Raad");

        var record = Assert.Single(await server.RecordsAsync("investigation_refused"));
        Assert.Equal(Manager, record.GetProperty("actor").GetString());
        Assert.True(record.GetProperty("subject").ValueKind == System.Text.Json.JsonValueKind.Null, record.ToString());
        Assert.Equal("request", InvestigationServer.Detail(record, "stage"));
        Assert.Empty(await server.RecordsAsync("investigation_requested"));
        foreach (var any in await server.ReadLogAsync())
        {
            AssertDoesNotName(any.ToString(), WorksCouncilMember, "Wim Raad");
        }

        var list = await server.GetAnswerAsync(Secretary, "/api/investigations?purpose=checking");
        Assert.Empty(list.Json!.Value.EnumerateArray());
    }

    [Fact]
    public async Task A_subject_who_took_a_protected_role_after_the_request_is_refused_at_the_approval_without_being_named()
    {
        await using var server = await InvestigationServer.StartAsync();
        var id = await server.RequestAsync(Manager, Researcher, [SecurityOfficer]);

        // r.bakker joins the works council before the secretary decides.
        server.ChangeDirectory(d => d.WithPerson(d.Find(Researcher)! with { ProtectedRoles = ProtectedRole.WorksCouncil }));
        var refused = await server.PostAsync(Secretary, $"/api/investigations/{id}/approve");

        Assert.True(refused.Status == HttpStatusCode.Forbidden, refused.ToString());
        Assert.Equal("subject", refused.Field);
        AssertDoesNotName(refused.Text, Researcher, "Ruud Bakker");
        var record = Assert.Single(await server.RecordsAsync("investigation_refused"));
        Assert.Equal(Secretary, record.GetProperty("actor").GetString());
        Assert.True(record.GetProperty("subject").ValueKind == System.Text.Json.JsonValueKind.Null, record.ToString());
        Assert.Equal(("approval", id.ToString()), (InvestigationServer.Detail(record, "stage"), InvestigationServer.Detail(record, "investigation")));
        AssertDoesNotName(record.ToString(), Researcher, "Ruud Bakker");
        Assert.Empty(await server.RecordsAsync("investigation_approved"));

        var stored = await server.GetAnswerAsync(Secretary, $"/api/investigations/{id}?purpose=checking");
        Assert.Equal("refused", stored.Json!.Value.GetProperty("state").GetString());
        Assert.Equal(InvestigationRules.ProtectedSubjectReason, stored.Json.Value.GetProperty("refusalReason").GetString());
        Assert.False(stored.Json.Value.GetProperty("recording").GetBoolean());
    }

    [Fact]
    public async Task The_requester_cannot_approve_their_own_request()
    {
        await using var server = await InvestigationServer.StartAsync();

        // The secretary is a manager too, so she may request; then someone else must approve, and there is nobody.
        var id = await server.RequestAsync(Secretary, Researcher, [SecurityOfficer]);
        var refused = await server.PostAsync(Secretary, $"/api/investigations/{id}/approve");

        Assert.True(refused.Status == HttpStatusCode.Forbidden, refused.ToString());
        Assert.Equal("decidedBy", refused.Field);
        Assert.Contains("the requester and the approver must be different people", refused.Text, StringComparison.Ordinal);
        var stored = await server.GetAnswerAsync(Secretary, $"/api/investigations/{id}?purpose=checking");
        Assert.Equal("requested", stored.Json!.Value.GetProperty("state").GetString());
        Assert.Empty(await server.RecordsAsync("investigation_approved"));
    }

    [Theory]
    [InlineData(Manager)] // the requester
    [InlineData(SecurityOfficer)] // the named reader
    [InlineData(PrivacyOfficer)] // supervises, sees every investigation
    public async Task A_content_scope_is_approved_only_by_the_municipal_secretary(string caller)
    {
        await using var server = await InvestigationServer.StartAsync();
        var id = await server.RequestAsync(Manager, Researcher, [SecurityOfficer], scope: "content");

        var refused = await server.PostAsync(caller, $"/api/investigations/{id}/approve");

        Assert.True(refused.Status == HttpStatusCode.Forbidden, refused.ToString());
        Assert.Equal("decidedBy", refused.Field);
        Assert.Contains("content (full URLs) needs the municipal secretary's prior approval (article 6.3)", refused.Text, StringComparison.Ordinal);
        var approved = await server.ApproveAsync(id, Secretary);
        Assert.Equal(("approved", "content"), (approved.GetProperty("state").GetString(), approved.GetProperty("scope").GetString()));
    }

    [Fact]
    public async Task An_investigation_of_a_political_office_holder_is_approved_and_read_only_by_the_mayor()
    {
        await using var server = await InvestigationServer.StartAsync(withAlderman: true);

        var notToMayor = await server.PostAsync(Manager, "/api/investigations", InvestigationServer.RequestBody(Alderman, [SecurityOfficer]));
        Assert.True(notToMayor.Status == HttpStatusCode.Forbidden, notToMayor.ToString());
        Assert.Equal("readers", notToMayor.Field);
        Assert.Contains("article 6.7", notToMayor.Text, StringComparison.Ordinal);
        var content = await server.PostAsync(Manager, "/api/investigations", InvestigationServer.RequestBody(Alderman, [Mayor], scope: "content"));
        Assert.True(content.Status == HttpStatusCode.Forbidden, content.ToString());
        Assert.Equal("scope", content.Field);

        var requested = await server.PostAsync(Manager, "/api/investigations", InvestigationServer.RequestBody(Alderman, [Mayor]));
        Assert.True(requested.Status == HttpStatusCode.Created, requested.ToString());
        Assert.Equal("political-office-holder", requested.Json!.Value.GetProperty("kind").GetString());
        var id = requested.Json.Value.GetProperty("id").GetGuid();

        var bySecretary = await server.PostAsync(Secretary, $"/api/investigations/{id}/approve");
        Assert.True(bySecretary.Status == HttpStatusCode.Forbidden, bySecretary.ToString());
        Assert.Equal("decidedBy", bySecretary.Field);
        Assert.Contains("only the mayor approves an investigation of a political office holder (article 6.7)", bySecretary.Text, StringComparison.Ordinal);

        var approved = await server.ApproveAsync(id, Mayor);
        Assert.Equal(Mayor, approved.GetProperty("decidedBy").GetString());

        var byMayor = await server.GetAnswerAsync(Mayor, $"/api/investigations/{id}/report?purpose=council+inquiry");
        Assert.True(byMayor.Status == HttpStatusCode.OK, byMayor.ToString());
        foreach (var caller in new[] { Secretary, Manager, PrivacyOfficer })
        {
            var refused = await server.GetAnswerAsync(caller, $"/api/investigations/{id}/report?purpose=curious");
            Assert.True(refused.Status == HttpStatusCode.Forbidden, $"{caller}: {refused}");
            Assert.Equal("reader", refused.Field);
        }

        var read = Assert.Single(await server.RecordsAsync("investigation_report_read"));
        Assert.Equal((Mayor, Alderman, "council inquiry"), (read.GetProperty("actor").GetString(), read.GetProperty("subject").GetString(), read.GetProperty("purpose").GetString()));
    }

    [Fact]
    public async Task The_mayor_does_not_decide_a_regular_investigation_nor_know_of_it()
    {
        await using var server = await InvestigationServer.StartAsync(withAlderman: true);
        var id = await server.RequestAsync(Manager, Researcher, [SecurityOfficer]);

        var byMayor = await server.PostAsync(Mayor, $"/api/investigations/{id}/approve");

        Assert.True(byMayor.Status == HttpStatusCode.NotFound, byMayor.ToString());
    }

    [Fact]
    public async Task Only_a_manager_or_security_officer_requests_and_someone_else_learns_nothing_about_a_protected_person()
    {
        await using var server = await InvestigationServer.StartAsync();

        var byEmployee = await server.PostAsync(Researcher, "/api/investigations", InvestigationServer.RequestBody(WorksCouncilMember, [SecurityOfficer]));
        var byArchitect = await server.PostAsync(Architect, "/api/investigations", InvestigationServer.RequestBody(Researcher, [SecurityOfficer]));
        var bySecurityOfficer = await server.PostAsync(SecurityOfficer, "/api/investigations", InvestigationServer.RequestBody(Researcher, [PrivacyOfficer]));

        Assert.True(byEmployee.Status == HttpStatusCode.Forbidden, byEmployee.ToString());
        Assert.Equal("requestedBy", byEmployee.Field);
        Assert.DoesNotContain("6.6", byEmployee.Text, StringComparison.Ordinal);
        Assert.True(byArchitect.Status == HttpStatusCode.Forbidden, byArchitect.ToString());
        Assert.Equal("requestedBy", byArchitect.Field);
        Assert.True(bySecurityOfficer.Status == HttpStatusCode.Created, bySecurityOfficer.ToString());
        Assert.Empty(await server.RecordsAsync("investigation_refused"));
    }

    [Fact]
    public async Task A_refusal_needs_a_reason_and_is_final()
    {
        await using var server = await InvestigationServer.StartAsync();
        var id = await server.RequestAsync(Manager, Researcher, [SecurityOfficer]);

        var noReason = await server.PostAsync(Secretary, $"/api/investigations/{id}/refuse", new { reason = " " });
        var noBody = await server.PostAsync(Secretary, $"/api/investigations/{id}/refuse");
        var byRequester = await server.PostAsync(Manager, $"/api/investigations/{id}/refuse", new { reason = "changed my mind" });
        var refused = await server.PostAsync(Secretary, $"/api/investigations/{id}/refuse", new { reason = "No concrete suspicion is described" });
        var approveAfter = await server.PostAsync(Secretary, $"/api/investigations/{id}/approve");

        Assert.True(noReason.Status == HttpStatusCode.BadRequest, noReason.ToString());
        Assert.Equal("reason", noReason.Field);
        Assert.True(noBody.Status == HttpStatusCode.BadRequest, noBody.ToString());
        Assert.Equal("body", noBody.Field);
        Assert.True(byRequester.Status == HttpStatusCode.Forbidden, byRequester.ToString());
        Assert.Equal("decidedBy", byRequester.Field);
        Assert.True(refused.Status == HttpStatusCode.OK, refused.ToString());
        Assert.Equal(("refused", "No concrete suspicion is described"),
            (refused.Json!.Value.GetProperty("state").GetString(), refused.Json.Value.GetProperty("refusalReason").GetString()));
        Assert.True(approveAfter.Status == HttpStatusCode.Conflict, approveAfter.ToString());
        Assert.Equal("state", approveAfter.Field);
        var record = Assert.Single(await server.RecordsAsync("investigation_refused"));
        Assert.Equal((Secretary, Researcher), (record.GetProperty("actor").GetString(), record.GetProperty("subject").GetString()));
    }

    [Fact]
    public async Task The_requester_or_the_secretary_withdraws_and_recording_stops_at_once()
    {
        await using var server = await InvestigationServer.StartAsync();
        var id = await server.RequestAsync(Manager, Researcher, [SecurityOfficer]);
        await server.ApproveAsync(id);

        var byReader = await server.PostAsync(SecurityOfficer, $"/api/investigations/{id}/withdraw", new { reason = "not mine to stop" });
        var byStranger = await server.PostAsync(OtherManager, $"/api/investigations/{id}/withdraw");
        var withdrawn = await server.PostAsync(Manager, $"/api/investigations/{id}/withdraw");
        var again = await server.PostAsync(Secretary, $"/api/investigations/{id}/withdraw", new { reason = "twice" });

        Assert.True(byReader.Status == HttpStatusCode.Forbidden, byReader.ToString());
        Assert.Equal("withdrawnBy", byReader.Field);
        Assert.True(byStranger.Status == HttpStatusCode.NotFound, byStranger.ToString());
        Assert.True(withdrawn.Status == HttpStatusCode.OK, withdrawn.ToString());
        Assert.Equal("withdrawn", withdrawn.Json!.Value.GetProperty("state").GetString());
        Assert.False(withdrawn.Json.Value.GetProperty("recording").GetBoolean());
        Assert.Equal(Manager, withdrawn.Json.Value.GetProperty("withdrawnBy").GetString());
        Assert.True(again.Status == HttpStatusCode.Conflict, again.ToString());

        // What was recorded until then stays readable by the named reader.
        var report = await server.GetAnswerAsync(SecurityOfficer, $"/api/investigations/{id}/report?purpose=closing+the+file");
        Assert.True(report.Status == HttpStatusCode.OK, report.ToString());
    }

    private static void AssertDoesNotName(string text, string id, string name)
    {
        Assert.DoesNotContain(id, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(name, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(name.Split(' ')[^1], text, StringComparison.OrdinalIgnoreCase);
    }
}
