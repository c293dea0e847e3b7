using System.Text;
using WebProxy.Governance.Tests.Support;
using WebProxy.Policy.Identity;
using WebProxy.Storage;
using static WebProxy.Testing.TestOrganisation;

namespace WebProxy.Governance.Tests;

/// <summary>
/// Signing in to the admin port: every password check is recorded, a mistyped user name is never stored, repeated
/// failures lock the account for the throttle window, and a script's Basic header costs one record per ten minutes.
/// </summary>
public sealed class SignInTests : IDisposable
{
    private const string Client = "192.0.2.10";

    private readonly GovernanceFixture _org = new();

    public void Dispose() => _org.Dispose();

    [Fact]
    public void The_right_password_signs_in_and_is_recorded()
    {
        var signedIn = _org.SignIn.SignIn(Researcher, Password, Client, "page");

        Assert.True(signedIn.Succeeded, signedIn.Problem?.ToString());
        Assert.Equal(Researcher, signedIn.Value.Id);
        var record = Assert.Single(_org.Records());
        Assert.Equal((GovernanceAction.AdminLogin, Researcher, Researcher), (record.Action, record.Actor, record.Subject));
    }

    [Fact]
    public void A_wrong_password_is_recorded_against_the_account()
    {
        Refused.With(_org.SignIn.SignIn(Researcher, "not the password", Client, "page"), ProblemKind.Invalid, "password");

        var record = Assert.Single(_org.Records());
        Assert.Equal((GovernanceAction.AdminLoginFailed, Researcher), (record.Action, record.Actor));
    }

    [Fact]
    public void An_unknown_account_is_recorded_as_unknown_and_the_typed_name_is_stored_nowhere()
    {
        const string typed = "Zomer2025!Geheim";

        Refused.With(_org.SignIn.SignIn(typed, Password, Client, "page"), ProblemKind.Invalid, "password");

        var record = Assert.Single(_org.Records());
        Assert.Equal((GovernanceAction.AdminLoginFailed, "unknown", (string?)null), (record.Action, record.Actor, record.Subject));
        foreach (var file in System.IO.Directory.GetFiles(_org.DataPath, GovernanceLog.FileName + "*"))
        {
            var text = Encoding.UTF8.GetString(File.ReadAllBytes(file));
            Assert.DoesNotContain(typed, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Five_failures_lock_the_account_for_fifteen_minutes_even_for_the_right_password()
    {
        for (var i = 0; i < SignInThrottle.MaxFailures; i++)
        {
            Refused.With(_org.SignIn.SignIn(Researcher, $"guess {i}", Client, "page"), ProblemKind.Invalid, "password");
        }

        Refused.With(_org.SignIn.SignIn(Researcher, Password, Client, "page"), ProblemKind.TooManyAttempts, "password");
        _org.Clock.Advance(TimeSpan.FromMinutes(15));

        Assert.True(_org.SignIn.SignIn(Researcher, Password, Client, "page").Succeeded);
    }

    [Fact]
    public void A_basic_header_is_remembered_for_ten_minutes()
    {
        var header = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Researcher}:{Password}"));

        Assert.True(_org.SignIn.SignInBasic(header, Client).Succeeded);
        Assert.True(_org.SignIn.SignInBasic(header, Client).Succeeded);
        Assert.Single(_org.Records(GovernanceAction.AdminLogin));

        _org.Clock.Advance(SignInService.RememberBasicFor);
        Assert.True(_org.SignIn.SignInBasic(header, Client).Succeeded);
        Assert.Equal(2, _org.Records(GovernanceAction.AdminLogin).Count);
    }

    [Fact]
    public void A_remembered_basic_header_stops_working_once_IT_changes_the_password()
    {
        var header = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Researcher}:{Password}"));
        Assert.True(_org.SignIn.SignInBasic(header, Client).Succeeded);

        var reset = _org.Directory.Put(Actor.Api(ItPerson), Researcher,
            new PersonRequest("Ruud Bakker", Manager, ["employee"], null, "a fresh password after the phishing mail"));
        Assert.True(reset.Succeeded, reset.Problem?.ToString());

        Refused.With(_org.SignIn.SignInBasic(header, Client), ProblemKind.Invalid, "password");
    }
}
