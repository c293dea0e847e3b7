using System.Net;
using System.Text.Json;
using WebProxy.Governance;
using WebProxy.Governance.Rights;
using static WebProxy.Testing.TestOrganisation;

namespace WebProxy.Admin.Tests.Rights;

/// <summary>
/// The article-8 endpoints over HTTP: the person's overview of everything held about them, their rights requests, and
/// the privacy officer's list and answers. Refusals are RFC 9457 problems naming the field.
/// </summary>
public sealed class RightsApiTests
{
    private const string ListPurpose = "Weekly check of open rights requests";

    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "/api/me/data" },
        { "GET", "/api/me/requests" },
        { "POST", "/api/me/requests" },
        { "GET", "/api/rights-requests" },
        { "POST", $"/api/rights-requests/{Guid.NewGuid()}/answer" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Every_endpoint_needs_a_signed_in_person(string method, string path)
    {
        await using var server = await RightsServer.StartAsync();

        using var response = await server.SendAsync(RightsServer.Anonymous, new HttpMethod(method), path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("Basic", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_overview_shows_what_is_held_and_who_read_it_and_reading_it_records_nothing()
    {
        await using var server = await RightsServer.StartAsync();
        var now = server.Clock.GetUtcNow();
        var exemption = server.Governance.Exemptions.GrantResearch(Actor.Api(Manager),
            new ResearchGrantRequest(Researcher, ["gambling"], now, now.AddDays(30), "Gambling permit inspections")).Value!;
        Assert.True(server.Governance.Directory.Get(Actor.Api(Manager), Researcher, "Preparing the annual review").Succeeded);
        await server.GetJsonAsync(Researcher, "/api/me/data");
        var recordsBefore = server.Records().Count;

        var report = await server.GetJsonAsync(Researcher, "/api/me/data");

        Assert.Equal(recordsBefore, server.Records().Count);
        Assert.Equal(Researcher, report.GetProperty("person").GetProperty("id").GetString());
        Assert.Equal(exemption.Id, report.GetProperty("exemptions")[0].GetProperty("id").GetGuid());
        Assert.Equal(0, report.GetProperty("investigations").GetArrayLength());
        var log = report.GetProperty("governanceLog").EnumerateArray().ToArray();
        var read = Assert.Single(log, e => e.GetProperty("action").GetString() == "personal_data_read");
        Assert.Equal((Manager, "Preparing the annual review"), (read.GetProperty("actor").GetString(), read.GetProperty("purpose").GetString()));
        Assert.Contains(log, e => e.GetProperty("action").GetString() == "exemption_granted");
        Assert.Contains(log, e => e.GetProperty("action").GetString() == "admin_login");
    }

    [Fact]
    public async Task A_filed_request_is_due_in_28_days_and_people_see_only_their_own()
    {
        await using var server = await RightsServer.StartAsync();

        var created = await server.ExpectAsync(HttpStatusCode.Created, Researcher, HttpMethod.Post, "/api/me/requests",
            new { kind = "delete", text = "Delete the records captured about me in March" });
        var hers = await server.FileAsync(Colleague, "block");

        Assert.Equal((Researcher, "delete", "open", false), (created.GetProperty("person").GetString(), created.GetProperty("kind").GetString(),
            created.GetProperty("state").GetString(), created.GetProperty("overdue").GetBoolean()));
        Assert.Equal(RightsServer.Start, created.GetProperty("filedAt").GetDateTimeOffset());
        Assert.Equal(RightsServer.Start.AddDays(28), created.GetProperty("dueAt").GetDateTimeOffset());
        var mine = await server.GetJsonAsync(Researcher, "/api/me/requests");
        Assert.Equal([created.GetProperty("id").GetGuid()], mine.EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));
        var theirs = await server.GetJsonAsync(Colleague, "/api/me/requests");
        Assert.Equal([hers], theirs.EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));
        Assert.Equal(0, (await server.GetJsonAsync(Manager, "/api/me/requests")).GetArrayLength());
        var overview = await server.GetJsonAsync(Researcher, "/api/me/data");
        Assert.Equal(1, overview.GetProperty("rightsRequests").GetArrayLength());
    }

    public static TheoryData<string, string> BadFilings => new()
    {
        { """{"kind":"forget","text":"Forget me"}""", "kind" },
        { """{"text":"Forget me"}""", "kind" },
        { """{"kind":"delete","text":"  "}""", "text" },
        { """{"kind":"delete"}""", "text" },
        { """{"kind":"delete","text":"Delete","person":"e.visser"}""", "person" },
    };

    [Theory]
    [MemberData(nameof(BadFilings))]
    public async Task A_bad_filing_is_a_problem_naming_the_field_and_writes_nothing(string body, string field)
    {
        await using var server = await RightsServer.StartAsync();
        await server.GetJsonAsync(Researcher, "/api/me/requests");
        var recordsBefore = server.Records().Count;

        using var response = await server.SendAsync(Researcher, HttpMethod.Post, "/api/me/requests",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Equal(recordsBefore, server.Records().Count);
    }

    [Fact]
    public async Task The_privacy_officer_lists_open_and_overdue_requests_with_a_purpose()
    {
        await using var server = await RightsServer.StartAsync();
        var first = await server.FileAsync(Researcher);
        server.Clock.Advance(TimeSpan.FromDays(1));
        var second = await server.FileAsync(Colleague, "complete");

        await server.ExpectAsync(HttpStatusCode.Forbidden, Manager, HttpMethod.Get, $"/api/rights-requests?purpose={ListPurpose}");
        await server.ExpectAsync(HttpStatusCode.Forbidden, Researcher, HttpMethod.Get, $"/api/rights-requests?purpose={ListPurpose}");
        var noPurpose = await server.ExpectAsync(HttpStatusCode.BadRequest, PrivacyOfficer, HttpMethod.Get, "/api/rights-requests");
        Assert.Equal("purpose", noPurpose.GetProperty("field").GetString());
        var badFlag = await server.ExpectAsync(HttpStatusCode.BadRequest, PrivacyOfficer, HttpMethod.Get, $"/api/rights-requests?overdue=maybe&purpose={ListPurpose}");
        Assert.Equal("overdue", badFlag.GetProperty("field").GetString());

        var open = await server.GetJsonAsync(PrivacyOfficer, $"/api/rights-requests?purpose={ListPurpose}");
        Assert.Equal([first, second], open.EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));
        Assert.Equal(0, (await server.GetJsonAsync(PrivacyOfficer, $"/api/rights-requests?overdue=true&purpose={ListPurpose}")).GetArrayLength());

        server.Clock.SetUtcNow(RightsServer.Start.AddDays(28));
        var overdue = await server.GetJsonAsync(PrivacyOfficer, $"/api/rights-requests?overdue=true&purpose={ListPurpose}");
        var only = Assert.Single(overdue.EnumerateArray());
        Assert.Equal((first, "overdue", true), (only.GetProperty("id").GetGuid(), only.GetProperty("state").GetString(), only.GetProperty("overdue").GetBoolean()));
        Assert.Equal(1, server.Governance.RightsRequests.CountOverdue(server.Clock.GetUtcNow()));
        Assert.Contains(server.Records(), r => r.Action == Storage.GovernanceAction.PersonalDataRead && r.Actor == PrivacyOfficer && r.Purpose == ListPurpose && r.Subject == Researcher);
    }

    [Fact]
    public async Task A_refusal_without_reasons_is_a_problem_on_text_and_only_a_privacy_officer_answers()
    {
        await using var server = await RightsServer.StartAsync();
        var id = await server.FileAsync(Researcher, "delete");
        var path = $"/api/rights-requests/{id}/answer";
        var changesBefore = Changes(server);

        using (var noReasons = await server.PostJsonAsync(PrivacyOfficer, path, new { outcome = "refused" }))
        {
            var problem = await AssertProblemAsync(noReasons, HttpStatusCode.BadRequest, "text");
            Assert.Contains("reasons", problem.GetProperty("errors").GetProperty("text")[0].GetString(), StringComparison.Ordinal);
        }

        using (var badOutcome = await server.PostJsonAsync(PrivacyOfficer, path, new { outcome = "perhaps", text = "Later" }))
        {
            await AssertProblemAsync(badOutcome, HttpStatusCode.BadRequest, "outcome");
        }

        foreach (var caller in new[] { Researcher, Manager, Secretary, ItPerson })
        {
            using var forbidden = await server.PostJsonAsync(caller, path, new { outcome = "granted", text = "Deleted" });
            await AssertProblemAsync(forbidden, HttpStatusCode.Forbidden, "actor");
        }

        // Refused means nothing written; only the callers' sign-ins are recorded.
        Assert.Equal(changesBefore, Changes(server));

        var refused = await server.ExpectAsync(HttpStatusCode.OK, PrivacyOfficer, HttpMethod.Post, path,
            new { outcome = "refused", text = "The records are on legal hold for a disciplinary case" });
        Assert.Equal(("refused", PrivacyOfficer), (refused.GetProperty("state").GetString(), refused.GetProperty("answeredBy").GetString()));
        using (var again = await server.PostJsonAsync(PrivacyOfficer, path, new { outcome = "granted", text = "Deleted after all" }))
        {
            await AssertProblemAsync(again, HttpStatusCode.Conflict, "id");
        }

        using (var unknown = await server.PostJsonAsync(PrivacyOfficer, $"/api/rights-requests/{Guid.NewGuid()}/answer", new { outcome = "granted", text = "Deleted" }))
        {
            await AssertProblemAsync(unknown, HttpStatusCode.NotFound, "id");
        }

        var mine = await server.GetJsonAsync(Researcher, "/api/me/requests");
        Assert.Equal("The records are on legal hold for a disciplinary case", mine[0].GetProperty("answer").GetString());
    }

    private static int Changes(RightsServer server) => server.Records().Count(r => r.Action != Storage.GovernanceAction.AdminLogin);

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), text);
        return problem;
    }
}
