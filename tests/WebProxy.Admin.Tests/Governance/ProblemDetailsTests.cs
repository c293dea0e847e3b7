using System.Globalization;
using System.Net;
using System.Text.Json;
using WebProxy.Testing;

namespace WebProxy.Admin.Tests.Governance;

/// <summary>
/// Every refusal is an RFC 9457 problem (<c>application/problem+json</c> with status, title, detail) whose
/// <c>field</c> and <c>errors</c> name the input at fault, so a form can show the message next to it; and a refused
/// request writes nothing: no exemption, no record.
/// </summary>
public sealed class ProblemDetailsTests
{
    /// <summary>A request that must be refused, and the field the problem must name.</summary>
    /// <param name="Alternative">Another status that is as right (a body that is not JSON: 400, or 415 as RFC 9110 §15.5.16 has it).</param>
    private sealed record Case(string Caller, HttpMethod Method, string Path, string? Body, string MediaType, HttpStatusCode Status, string Field,
        HttpStatusCode? Alternative = null);

    private static readonly Dictionary<string, Func<Case>> Cases = new()
    {
        ["end before start"] = () => Research(
            $$"""{"subject":"r.bakker","categories":["gambling"],"start":"{{In(2)}}","end":"{{In(1)}}","reason":"inspection"}""", "end"),
        ["period over 90 days"] = () => Research(
            $$"""{"subject":"r.bakker","categories":["gambling"],"end":"{{In(91)}}","reason":"inspection"}""", "end"),
        ["start in the past (back-dated)"] = () => Research(
            $$"""{"subject":"r.bakker","categories":["gambling"],"start":"{{In(-2)}}","end":"{{In(10)}}","reason":"inspection"}""", "start"),
        ["end missing"] = () => Research(
            """{"subject":"r.bakker","categories":["gambling"],"reason":"inspection"}""", "end"),
        ["reason blank"] = () => Research(
            $$"""{"subject":"r.bakker","categories":["gambling"],"end":"{{In(10)}}","reason":"  "}""", "reason"),
        ["unknown category"] = () => Research(
            $$"""{"subject":"r.bakker","categories":["knitting"],"end":"{{In(10)}}","reason":"inspection"}""", "categories"),
        ["no category"] = () => Research(
            $$"""{"subject":"r.bakker","categories":[],"end":"{{In(10)}}","reason":"inspection"}""", "categories"),
        ["unknown subject"] = () => Research(
            $$"""{"subject":"nobody","categories":["gambling"],"end":"{{In(10)}}","reason":"inspection"}""", "subject"),
        ["bad JSON type: end is a number"] = () => Research(
            """{"subject":"r.bakker","categories":["gambling"],"end":5,"reason":"inspection"}""", "end"),
        ["bad JSON type: end is not a date"] = () => Research(
            """{"subject":"r.bakker","categories":["gambling"],"end":"next tuesday","reason":"inspection"}""", "end"),
        ["bad JSON type: categories is text"] = () => Research(
            $$"""{"subject":"r.bakker","categories":"gambling","end":"{{In(10)}}","reason":"inspection"}""", "categories"),
        ["bad JSON type: maxBytes is text"] = () => new(TestOrganisation.Architect, HttpMethod.Post, "/api/exemptions/size",
            $$"""{"subject":"p.smit","maxBytes":"a lot","end":"{{In(10)}}","reason":"aerial photographs"}""", "application/json", HttpStatusCode.BadRequest, "maxBytes"),
        ["maxBytes not positive"] = () => new(TestOrganisation.Architect, HttpMethod.Post, "/api/exemptions/size",
            $$"""{"subject":"p.smit","maxBytes":0,"end":"{{In(10)}}","reason":"aerial photographs"}""", "application/json", HttpStatusCode.BadRequest, "maxBytes"),
        ["unknown JSON field"] = () => Research(
            $$"""{"subject":"r.bakker","categories":["gambling"],"end":"{{In(10)}}","reason":"inspection","ends":"{{In(20)}}"}""", "ends"),
        ["non-JSON body"] = () => new(TestOrganisation.Manager, HttpMethod.Post, "/api/exemptions/research",
            "subject=r.bakker&categories=gambling", "application/x-www-form-urlencoded", HttpStatusCode.BadRequest, "body", HttpStatusCode.UnsupportedMediaType),
        ["malformed JSON"] = () => Research("""{"subject":"r.bakker",""", "body"),
        ["JSON that is not an object"] = () => Research("""["r.bakker"]""", "body"),
        ["non-JSON body on a directory edit"] = () => new(TestOrganisation.ItPerson, HttpMethod.Put, "/api/directory/new.person",
            "name: Nieuwe Persoon", "text/plain", HttpStatusCode.BadRequest, "body", HttpStatusCode.UnsupportedMediaType),
        ["unknown role on a directory edit"] = () => new(TestOrganisation.ItPerson, HttpMethod.Put, "/api/directory/new.person",
            """{"name":"Nieuwe Persoon","manager":"m.jansen","roles":["boss"]}""", "application/json", HttpStatusCode.BadRequest, "roles"),
        ["unknown manager on a directory edit"] = () => new(TestOrganisation.ItPerson, HttpMethod.Put, "/api/directory/new.person",
            """{"name":"Nieuwe Persoon","manager":"nobody","roles":["employee"]}""", "application/json", HttpStatusCode.BadRequest, "manager"),
        ["short password on a directory edit"] = () => new(TestOrganisation.ItPerson, HttpMethod.Put, "/api/directory/new.person",
            """{"name":"Nieuwe Persoon","roles":["employee"],"password":"short"}""", "application/json", HttpStatusCode.BadRequest, "password"),
        ["missing purpose: directory entry"] = () => Get(TestOrganisation.Manager, "/api/directory/r.bakker", HttpStatusCode.BadRequest, "purpose"),
        ["missing purpose: directory list"] = () => Get(TestOrganisation.Manager, "/api/directory", HttpStatusCode.BadRequest, "purpose"),
        ["blank purpose: directory entry"] = () => Get(TestOrganisation.Manager, "/api/directory/r.bakker?purpose=%20%20", HttpStatusCode.BadRequest, "purpose"),
        ["missing purpose: governance log"] = () => Get(TestOrganisation.PrivacyOfficer,
            $"/api/log?from={GovernanceServer.Time(DateTimeOffset.UtcNow.AddDays(-1))}&to={GovernanceServer.Time(DateTimeOffset.UtcNow.AddDays(1))}",
            HttpStatusCode.BadRequest, "purpose"),
        ["log period reversed"] = () => Get(TestOrganisation.PrivacyOfficer,
            $"/api/log?from={GovernanceServer.Time(DateTimeOffset.UtcNow.AddDays(1))}&to={GovernanceServer.Time(DateTimeOffset.UtcNow.AddDays(-1))}&purpose=x",
            HttpStatusCode.BadRequest, "to"),
        ["log head not SEQUENCE:HASH"] = () => Get(TestOrganisation.ItPerson, "/api/log/verify?head=nonsense", HttpStatusCode.BadRequest, "head"),
        ["unknown person"] = () => Get(TestOrganisation.ItPerson, "/api/directory/nobody?purpose=x", HttpStatusCode.NotFound, "id"),
        ["unknown exemption"] = () => Get(TestOrganisation.PrivacyOfficer, $"/api/exemptions/{Guid.NewGuid()}?purpose=x", HttpStatusCode.NotFound, "id"),
        ["revoking an unknown exemption"] = () => new(TestOrganisation.PrivacyOfficer, HttpMethod.Post, $"/api/exemptions/{Guid.NewGuid()}/revoke",
            """{"reason":"no longer needed"}""", "application/json", HttpStatusCode.NotFound, "id"),
        ["removing someone who still manages others"] = () => new(TestOrganisation.ItPerson, HttpMethod.Delete, "/api/directory/o.dekker",
            null, "application/json", HttpStatusCode.Conflict, "id"),
        ["forbidden grant"] = () => new(TestOrganisation.OtherManager, HttpMethod.Post, "/api/exemptions/research",
            $$"""{"subject":"r.bakker","categories":["gambling"],"end":"{{In(10)}}","reason":"inspection"}""", "application/json", HttpStatusCode.Forbidden, "grantedBy"),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task A_refusal_is_a_problem_naming_the_field_and_writes_nothing(string name)
    {
        var refused = Cases[name]();
        await using var server = await GovernanceServer.StartAsync();
        await server.SignInAsync(refused.Caller);
        await server.SignInAsync(TestOrganisation.ItPerson);
        await server.SignInAsync(TestOrganisation.PrivacyOfficer);
        var recordsBefore = await server.LogCountAsync();

        using var response = await server.SendAsync(refused.Caller, refused.Method, refused.Path,
            refused.Body is null ? null : new StringContent(refused.Body, System.Text.Encoding.UTF8, refused.MediaType));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == refused.Status || response.StatusCode == refused.Alternative,
            $"{name}: expected {(int)refused.Status}, got {(int)response.StatusCode} {response.Content.Headers.ContentType} {body}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json",
            $"{name}: {(int)response.StatusCode} with Content-Type '{response.Content.Headers.ContentType}' and body '{body}'");
        using var problem = JsonDocument.Parse(body);
        var root = problem.RootElement;
        Assert.Equal((int)response.StatusCode, root.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("title").GetString()), body);
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("detail").GetString()), body);
        Assert.StartsWith("https://", root.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal(refused.Field, root.GetProperty("field").GetString());
        var errors = root.GetProperty("errors").GetProperty(refused.Field).EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.Single(errors);
        Assert.False(string.IsNullOrWhiteSpace(errors[0]), body);

        // Nothing written: the log's head did not move, no exemption exists, the directory is as it was.
        Assert.Equal(recordsBefore, await server.LogCountAsync());
        Assert.Empty((await server.GetJsonAsync(TestOrganisation.PrivacyOfficer, "/api/exemptions?purpose=x")).EnumerateArray());
        Assert.Equal(Organisation.People, (await server.GetJsonAsync(TestOrganisation.ItPerson, "/api/directory?purpose=x")).EnumerateArray().Select(p => p.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task A_problem_message_does_not_name_dotnet_types()
    {
        await using var server = await GovernanceServer.StartAsync();

        using var response = await server.SendTextAsync(TestOrganisation.Manager, HttpMethod.Post, "/api/exemptions/research",
            """{"subject":"r.bakker","categories":["gambling"],"end":5,"reason":"inspection","x":1}""");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("System.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("WebProxy.", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revocation_may_leave_out_its_body()
    {
        await using var server = await GovernanceServer.StartAsync();
        var research = await server.GrantResearchAsync();

        using var response = await server.SendAsync(TestOrganisation.Manager, HttpMethod.Post, $"/api/exemptions/{research}/revoke");
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}");
        using var revoked = JsonDocument.Parse(body);
        Assert.Equal("revoked", revoked.RootElement.GetProperty("state").GetString());
    }

    private static Case Research(string body, string field) =>
        new(TestOrganisation.Manager, HttpMethod.Post, "/api/exemptions/research", body, "application/json", HttpStatusCode.BadRequest, field);

    private static Case Get(string caller, string path, HttpStatusCode status, string field) =>
        new(caller, HttpMethod.Get, path, null, "application/json", status, field);

    private static string In(int days) => DateTimeOffset.UtcNow.AddDays(days).ToString("O", CultureInfo.InvariantCulture);
}
