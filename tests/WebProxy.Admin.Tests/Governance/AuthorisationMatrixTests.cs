using System.Net;
using System.Text.Json;
using WebProxy.Testing;
using static WebProxy.Admin.Tests.Governance.AuthorisationMatrix;

namespace WebProxy.Admin.Tests.Governance;

/// <summary>
/// <see cref="AuthorisationMatrix"/> against the real server, one fresh server per cell, over HTTP. Besides the
/// status, each cell checks what the rules say about the answer (who is listed, whether the protected role shows, that
/// a refused call wrote nothing) and, for writes that succeed, that the change happened.
/// </summary>
public sealed class AuthorisationMatrixTests
{
    [Fact]
    public void The_matrix_has_exactly_one_cell_per_caller_and_endpoint()
    {
        var cells = Cells.Select(row => ((string)row[0], (string)row[1])).ToList();

        Assert.Equal(cells.Count, cells.Distinct().Count());
        foreach (var endpoint in AllEndpoints)
        {
            Assert.Equal(Organisation.Callers, cells.Where(c => c.Item1 == endpoint).Select(c => c.Item2));
        }

        Assert.Equal(AllEndpoints.Length * Organisation.Callers.Length, cells.Count);
    }

    [Theory]
    [MemberData(nameof(Cells), MemberType = typeof(AuthorisationMatrix))]
    public async Task Caller_gets_the_documented_answer(string endpoint, string caller, int expected)
    {
        await using var server = await GovernanceServer.StartAsync();
        var research = await server.GrantResearchAsync();
        var size = await server.GrantSizeAsync();
        await server.GetJsonAsync(TestOrganisation.Manager, "/api/directory/w.raad?purpose=x");
        var isPerson = Organisation.People.Contains(caller);
        if (isPerson)
        {
            await server.SignInAsync(caller);
        }

        await server.SignInAsync(TestOrganisation.ItPerson);
        var recordsBefore = await server.LogCountAsync();

        using var response = await Call(server, endpoint, caller, research, size);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True((int)response.StatusCode == expected, $"{endpoint} as {caller}: expected {expected}, got {(int)response.StatusCode} {body}");
        if (expected >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(body);
            Assert.Equal(expected, problem.RootElement.GetProperty("status").GetInt32());
            if (expected == 401)
            {
                Assert.StartsWith("Basic", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            }

            // Refused means nothing written: no change, no read record. Only the failed sign-in is recorded.
            var recordsAfter = await server.LogCountAsync();
            Assert.Equal(recordsBefore + (caller == Organisation.WrongPassword ? 1 : 0), recordsAfter);
            return;
        }

        await CheckSuccess(server, endpoint, caller, response, body, research);
    }

    private static Task<HttpResponseMessage> Call(GovernanceServer server, string endpoint, string caller, Guid research, Guid size) => endpoint switch
    {
        Me => server.GetAsync(caller, "/api/me"),
        DirectoryList => server.GetAsync(caller, "/api/directory?purpose=x"),
        DirectoryEmployee => server.GetAsync(caller, "/api/directory/r.bakker?purpose=x"),
        DirectoryWorksCouncil => server.GetAsync(caller, "/api/directory/w.raad?purpose=x"),
        DirectoryPut => server.SendJsonAsync(caller, HttpMethod.Put, "/api/directory/new.person",
            new { name = "Nieuwe Persoon", manager = "m.jansen", roles = new[] { "employee" } }),
        DirectoryDelete => server.SendAsync(caller, HttpMethod.Delete, "/api/directory/p.smit"),
        ExemptionList => server.GetAsync(caller, "/api/exemptions?purpose=x"),
        ExemptionResearch => server.GetAsync(caller, $"/api/exemptions/{research}?purpose=x"),
        ExemptionSize => server.GetAsync(caller, $"/api/exemptions/{size}?purpose=x"),
        GrantResearch => server.SendJsonAsync(caller, HttpMethod.Post, "/api/exemptions/research", GovernanceServer.ResearchBody("r.bakker")),
        GrantResearchSelf => server.SendJsonAsync(caller, HttpMethod.Post, "/api/exemptions/research",
            GovernanceServer.ResearchBody(Organisation.People.Contains(caller) ? caller : TestOrganisation.Manager)),
        GrantSize => server.SendJsonAsync(caller, HttpMethod.Post, "/api/exemptions/size", GovernanceServer.SizeBody("p.smit")),
        Revoke => server.SendJsonAsync(caller, HttpMethod.Post, $"/api/exemptions/{research}/revoke", new { reason = "the inspection ended early" }),
        Log => server.GetAsync(caller, GovernanceServer.LogPath("x")),
        LogWorksCouncil => server.GetAsync(caller, GovernanceServer.LogPath("x", "w.raad")),
        LogVerify => server.GetAsync(caller, "/api/log/verify"),
        CategoriesReload => server.SendAsync(caller, HttpMethod.Post, "/categories/reload"),
        _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, "Not in the matrix."),
    };

    private static async Task CheckSuccess(GovernanceServer server, string endpoint, string caller, HttpResponseMessage response, string body, Guid research)
    {
        using var document = JsonDocument.Parse(body.Length == 0 ? "null" : body);
        var json = document.RootElement;
        switch (endpoint)
        {
            case Me:
                Assert.Equal(caller, json.GetProperty("id").GetString());
                Assert.False(json.TryGetProperty("password", out _));
                Assert.False(json.TryGetProperty("passwordHash", out _));
                break;

            case DirectoryList:
                var people = json.EnumerateArray().ToArray();
                Assert.Equal(VisiblePeople[caller], people.Select(p => p.GetProperty("id").GetString()));
                foreach (var person in people.Where(p => p.GetProperty("id").GetString() == "w.raad"))
                {
                    CheckProtected(person, caller);
                }

                break;

            case DirectoryEmployee:
                Assert.Equal("r.bakker", json.GetProperty("id").GetString());
                Assert.Equal("m.jansen", json.GetProperty("manager").GetString());
                break;

            case DirectoryWorksCouncil:
                Assert.Equal("w.raad", json.GetProperty("id").GetString());
                CheckProtected(json, caller);
                break;

            case DirectoryPut:
                Assert.Equal("new.person", json.GetProperty("id").GetString());
                var added = await server.GetJsonAsync(TestOrganisation.ItPerson, "/api/directory/new.person?purpose=x");
                Assert.Equal("m.jansen", added.GetProperty("manager").GetString());
                break;

            case DirectoryDelete:
                Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
                using (var gone = await server.GetAsync(TestOrganisation.ItPerson, "/api/directory/p.smit?purpose=x"))
                {
                    Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
                }

                break;

            case ExemptionList:
                Assert.Equal(VisibleExemptions[caller], json.EnumerateArray().Select(e => e.GetProperty("subject").GetString()).Order(StringComparer.Ordinal));
                break;

            case ExemptionResearch:
                Assert.Equal(research, json.GetProperty("id").GetGuid());
                Assert.Equal("research", json.GetProperty("kind").GetString());
                break;

            case ExemptionSize:
                Assert.Equal("size", json.GetProperty("kind").GetString());
                Assert.Equal("o.dekker", json.GetProperty("subject").GetString());
                break;

            case GrantResearch or GrantSize:
                var id = json.GetProperty("id").GetGuid();
                Assert.Equal($"/api/exemptions/{id}", response.Headers.Location?.OriginalString);
                Assert.Equal(caller, json.GetProperty("grantedBy").GetString());
                Assert.Equal("active", json.GetProperty("state").GetString());
                var stored = await server.GetJsonAsync(caller, $"/api/exemptions/{id}?purpose=x");
                Assert.Equal(json.GetProperty("subject").GetString(), stored.GetProperty("subject").GetString());
                break;

            case Revoke:
                Assert.Equal("revoked", json.GetProperty("state").GetString());
                Assert.Equal(caller, json.GetProperty("revokedBy").GetString());
                var revoked = await server.GetJsonAsync(TestOrganisation.PrivacyOfficer, $"/api/exemptions/{research}?purpose=x");
                Assert.Equal("revoked", revoked.GetProperty("state").GetString());
                break;

            case Log:
                var subjects = json.EnumerateArray().Select(r => r.GetProperty("subject").GetString()).ToArray();
                Assert.NotEmpty(subjects);
                // Records about a works-council member are the privacy officer's alone.
                Assert.Equal(caller == TestOrganisation.PrivacyOfficer, subjects.Contains("w.raad"));
                break;

            case LogWorksCouncil:
                var records = json.EnumerateArray().ToArray();
                Assert.NotEmpty(records);
                Assert.All(records, r => Assert.Equal("w.raad", r.GetProperty("subject").GetString()));
                break;

            case LogVerify:
                Assert.True(json.GetProperty("isValid").GetBoolean(), body);
                Assert.True(json.GetProperty("count").GetInt64() > 0);
                break;

            case CategoriesReload:
                Assert.True(json.GetProperty("reloaded").GetBoolean(), body);
                break;

            default:
                throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, "Not in the matrix.");
        }
    }

    private static void CheckProtected(JsonElement person, string caller)
    {
        var shown = person.GetProperty("protected");
        if (ProtectedShownTo.Contains(caller))
        {
            Assert.Equal(JsonValueKind.Array, shown.ValueKind);
            Assert.Equal(["works-council"], shown.EnumerateArray().Select(r => r.GetString()));
        }
        else
        {
            Assert.Equal(JsonValueKind.Null, shown.ValueKind);
        }
    }
}
