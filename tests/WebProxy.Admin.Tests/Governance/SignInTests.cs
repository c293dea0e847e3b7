using System.Net;
using System.Text.Json;
using WebProxy.Testing;

namespace WebProxy.Admin.Tests.Governance;

/// <summary>
/// Signing in to the API with HTTP Basic: a 401 says how (RFC 9110 §11.6.1, RFC 7617), and password guessing is
/// slowed: after five failures for one account, the next attempt is refused unchecked with 429, even with the right
/// password.
/// </summary>
public sealed class SignInTests
{
    public static TheoryData<string, string?, string> Unauthenticated => new()
    {
        // name, Authorization header (null: none), the field the problem names
        { "no credentials", null, "authorization" },
        { "wrong password", GovernanceServer.Basic(TestOrganisation.Manager, "not her password").ToString(), "password" },
        { "unknown user", GovernanceServer.Basic("nobody", "any password at all").ToString(), "password" },
        { "a person without the password of another", GovernanceServer.Basic(TestOrganisation.Manager, TestOrganisation.PasswordOf(TestOrganisation.Researcher)).ToString(), "password" },
        { "not Basic", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.x", "authorization" },
        { "Basic without a colon", "Basic " + Convert.ToBase64String("m.jansen"u8.ToArray()), "authorization" },
        { "Basic that is not base64", "Basic %%%", "authorization" },
    };

    [Theory]
    [MemberData(nameof(Unauthenticated))]
    public async Task A_401_challenges_for_Basic(string name, string? authorization, string field)
    {
        await using var server = await GovernanceServer.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await server.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{name}: {(int)response.StatusCode} {body}");
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Basic", challenge.Scheme);
        Assert.Contains("realm=", challenge.Parameter, StringComparison.Ordinal);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(401, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(field, problem.RootElement.GetProperty("field").GetString());
    }

    [Fact]
    public async Task After_five_wrong_passwords_the_sixth_attempt_is_refused_even_with_the_right_password()
    {
        await using var server = await GovernanceServer.StartAsync();
        // Signed in before the guessing starts, so the log can still be read afterwards from this client.
        await server.SignInAsync(TestOrganisation.PrivacyOfficer);

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var wrong = await server.GetAsync(Organisation.WrongPassword, "/api/me");
            Assert.True(wrong.StatusCode == HttpStatusCode.Unauthorized, $"attempt {attempt}: {(int)wrong.StatusCode}");
        }

        using var right = await server.GetAsync(TestOrganisation.Manager, "/api/me");
        var body = await right.Content.ReadAsStringAsync();

        Assert.True(right.StatusCode == HttpStatusCode.TooManyRequests, $"{(int)right.StatusCode} {body}");
        Assert.Equal("application/problem+json", right.Content.Headers.ContentType?.MediaType);
        using (var problem = JsonDocument.Parse(body))
        {
            Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
            Assert.Equal("password", problem.RootElement.GetProperty("field").GetString());
        }

        // Five failures recorded against the account, and the refused sixth attempt was never checked: no login.
        var records = await server.ReadLogAsync();
        var aboutHer = records.Where(r => r.GetProperty("subject").GetString() == TestOrganisation.Manager).Select(GovernanceServer.ActionOf).ToArray();
        Assert.Equal(5, aboutHer.Count(a => a == "admin_login_failed"));
        Assert.DoesNotContain("admin_login", aboutHer);
    }

    [Fact]
    public async Task Four_wrong_passwords_do_not_lock_the_account()
    {
        await using var server = await GovernanceServer.StartAsync();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            using var wrong = await server.GetAsync(Organisation.WrongPassword, "/api/me");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var me = await server.GetJsonAsync(TestOrganisation.Manager, "/api/me");
        Assert.Equal(TestOrganisation.Manager, me.GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_successful_sign_in_is_recorded_once_for_a_script_that_calls_repeatedly()
    {
        await using var server = await GovernanceServer.StartAsync();

        for (var call = 0; call < 3; call++)
        {
            await server.GetJsonAsync(TestOrganisation.Researcher, "/api/me");
        }

        var logins = (await server.ReadLogAsync())
            .Where(r => GovernanceServer.ActionOf(r) == "admin_login" && r.GetProperty("actor").GetString() == TestOrganisation.Researcher);
        Assert.Single(logins);
    }
}
