using System.Net;
using System.Text.Json;
using WebProxy.Admin.Tests.Governance;
using static WebProxy.Testing.TestOrganisation;

namespace WebProxy.Admin.Tests.Investigations;

/// <summary>
/// What every investigation endpoint shares with the rest of the admin API: a signed-in caller (401 with the Basic
/// challenge otherwise), strict JSON bodies answered with a problem naming the field, a purpose for reads of other
/// people's data, and an entry in the OpenAPI document.
/// </summary>
public sealed class InvestigationApiContractTests
{
    /// <summary>Every endpoint, with {id} for an existing investigation.</summary>
    public static TheoryData<string, string> Endpoints => new()
    {
        { "POST", "/api/investigations" },
        { "GET", "/api/investigations?purpose=x" },
        { "GET", "/api/investigations/{id}?purpose=x" },
        { "POST", "/api/investigations/{id}/approve" },
        { "POST", "/api/investigations/{id}/refuse" },
        { "POST", "/api/investigations/{id}/withdraw" },
        { "POST", "/api/investigations/{id}/legal-hold" },
        { "POST", "/api/investigations/{id}/legal-hold/release" },
        { "GET", "/api/investigations/{id}/report?purpose=x" },
        { "GET", "/api/investigations/{id}/report.csv?purpose=x" },
    };

    private static readonly Dictionary<string, string[]> DocumentedPaths = new()
    {
        ["/api/investigations"] = ["get", "post"],
        ["/api/investigations/{id}"] = ["get"],
        ["/api/investigations/{id}/approve"] = ["post"],
        ["/api/investigations/{id}/refuse"] = ["post"],
        ["/api/investigations/{id}/withdraw"] = ["post"],
        ["/api/investigations/{id}/legal-hold"] = ["post"],
        ["/api/investigations/{id}/legal-hold/release"] = ["post"],
        ["/api/investigations/{id}/report"] = ["get"],
        ["/api/investigations/{id}/report.csv"] = ["get"],
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Every_endpoint_needs_a_signed_in_person(string method, string path)
    {
        await using var server = await InvestigationServer.StartAsync();
        var id = await server.RequestAsync(Manager, Researcher, [SecurityOfficer]);
        await server.ApproveAsync(id);
        var target = path.Replace("{id}", id.ToString(), StringComparison.Ordinal);

        foreach (var caller in new[] { Organisation.Anonymous, Organisation.WrongPassword })
        {
            using var response = await server.SendAsync(caller, new HttpMethod(method), target,
                method == "POST" ? System.Net.Http.Json.JsonContent.Create(new { reason = "x" }) : null);
            var text = await response.Content.ReadAsStringAsync();

            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {target} as {caller}: {(int)response.StatusCode} {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.StartsWith("Basic", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(Researcher, text, StringComparison.Ordinal);
        }
    }

    /// <summary>(case, body, field). In bodies, {end} is a day from now, {far} fifteen days, {yesterday} a day ago.</summary>
    public static TheoryData<string, string, string> BadRequests => new()
    {
        { "an unknown field", """{"subject":"r.bakker","subjectId":"r.bakker","purpose":"p","legalGround":"g","end":"{end}","readers":["s.officer"]}""", "subjectId" },
        { "an unknown scope", """{"subject":"r.bakker","purpose":"p","legalGround":"g","scope":"everything","end":"{end}","readers":["s.officer"]}""", "scope" },
        { "no end", """{"subject":"r.bakker","purpose":"p","legalGround":"g","readers":["s.officer"]}""", "end" },
        { "an end that is not a time", """{"subject":"r.bakker","purpose":"p","legalGround":"g","end":"next week","readers":["s.officer"]}""", "end" },
        { "readers that are not a list", """{"subject":"r.bakker","purpose":"p","legalGround":"g","end":"{end}","readers":"s.officer"}""", "readers" },
        { "a period over the maximum", """{"subject":"r.bakker","purpose":"p","legalGround":"g","end":"{far}","readers":["s.officer"]}""", "end" },
        { "a back-dated start", """{"subject":"r.bakker","purpose":"p","legalGround":"g","start":"{yesterday}","end":"{end}","readers":["s.officer"]}""", "start" },
        { "no purpose", """{"subject":"r.bakker","purpose":" ","legalGround":"g","end":"{end}","readers":["s.officer"]}""", "purpose" },
        { "no legal ground", """{"subject":"r.bakker","purpose":"p","end":"{end}","readers":["s.officer"]}""", "legalGround" },
        { "no readers", """{"subject":"r.bakker","purpose":"p","legalGround":"g","end":"{end}","readers":[]}""", "readers" },
        { "the subject as reader", """{"subject":"r.bakker","purpose":"p","legalGround":"g","end":"{end}","readers":["r.bakker"]}""", "readers" },
        { "a reader who is nobody", """{"subject":"r.bakker","purpose":"p","legalGround":"g","end":"{end}","readers":["n.iemand"]}""", "readers" },
        { "a subject who is nobody", """{"subject":"n.iemand","purpose":"p","legalGround":"g","end":"{end}","readers":["s.officer"]}""", "subject" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_request_with_a_mistake_is_answered_with_a_problem_naming_the_field_and_writes_nothing(string name, string body, string field)
    {
        await using var server = await InvestigationServer.StartAsync();
        await server.SignInAsync(Manager);
        await server.SignInAsync(ItPerson);
        var before = await server.LogCountAsync();
        var now = DateTimeOffset.UtcNow;
        body = body
            .Replace("{end}", Iso(now.AddDays(1)), StringComparison.Ordinal)
            .Replace("{far}", Iso(now.AddDays(15)), StringComparison.Ordinal)
            .Replace("{yesterday}", Iso(now.AddDays(-1)), StringComparison.Ordinal);

        using var response = await server.SendAsync(Manager, HttpMethod.Post, "/api/investigations", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name}: {(int)response.StatusCode} {text}");
        using var problem = JsonDocument.Parse(text);
        Assert.Equal(field, problem.RootElement.GetProperty("field").GetString());
        Assert.StartsWith(Admin.Governance.ProblemResponses.TypeBase, problem.RootElement.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), text);
        Assert.Equal(before, await server.LogCountAsync());
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_refused()
    {
        await using var server = await InvestigationServer.StartAsync();

        using var response = await server.SendAsync(Manager, HttpMethod.Post, "/api/investigations", new StringContent("subject=r.bakker"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"field\":\"body\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listing_others_investigations_needs_a_purpose_and_is_recorded_per_subject()
    {
        await using var server = await InvestigationServer.StartAsync();
        var id = await server.RequestAsync(Manager, Researcher, [SecurityOfficer]);

        var noPurpose = await server.GetAnswerAsync(PrivacyOfficer, "/api/investigations");
        var listed = await server.GetAnswerAsync(PrivacyOfficer, "/api/investigations?purpose=quarterly+supervision");
        var one = await server.GetAnswerAsync(SecurityOfficer, $"/api/investigations/{id}?purpose=preparing+the+reading");

        Assert.True(noPurpose.Status == HttpStatusCode.BadRequest, noPurpose.ToString());
        Assert.Equal("purpose", noPurpose.Field);
        Assert.True(listed.Status == HttpStatusCode.OK, listed.ToString());
        Assert.Equal(new[] { id }, listed.Json!.Value.EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        Assert.True(one.Status == HttpStatusCode.OK, one.ToString());
        Assert.Equal(InvestigationServer.Purpose, one.Json!.Value.GetProperty("purpose").GetString());
        var reads = (await server.RecordsAsync("personal_data_read"))
            .Where(r => r.GetProperty("subject").GetString() == Researcher)
            .Select(r => (r.GetProperty("actor").GetString(), r.GetProperty("purpose").GetString()))
            .ToArray();
        Assert.Equal(new (string?, string?)[] { (PrivacyOfficer, "quarterly supervision"), (SecurityOfficer, "preparing the reading") }, reads);
    }

    private static string Iso(DateTimeOffset time) => time.ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_OpenAPI_document_lists_every_investigation_endpoint_with_401()
    {
        await using var server = await InvestigationServer.StartAsync();

        using var document = JsonDocument.Parse(await server.Client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));

        var paths = document.RootElement.GetProperty("paths");
        foreach (var (path, methods) in DocumentedPaths)
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is not in the document");
            var listed = item.EnumerateObject().Select(m => m.Name).Where(m => m is "get" or "post" or "put" or "delete").Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(methods, listed);
            foreach (var method in methods)
            {
                var responses = item.GetProperty(method).GetProperty("responses").EnumerateObject().Select(r => r.Name).ToArray();
                Assert.Contains("401", responses);
                Assert.Contains(responses, r => r.StartsWith('2'));
            }
        }

        var request = paths.GetProperty("/api/investigations").GetProperty("post").GetProperty("requestBody");
        Assert.True(request.GetProperty("required").GetBoolean());
        Assert.True(request.GetProperty("content").TryGetProperty("application/json", out _));
    }
}
