using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WebProxy.Policy.Identity;
using WebProxy.Storage;

namespace WebProxy.Governance;

/// <summary>
/// Signing in to the admin port with a directory person's password (issue 4). Every check that reaches the password
/// hash writes <c>admin_login</c> or <c>admin_login_failed</c>; a failed record names the account only when it
/// exists (a mistyped name may be a password typed in the wrong field). Failures are throttled by
/// <see cref="SignInThrottle"/>.
/// </summary>
public sealed class SignInService
{
    /// <summary>How long a successful Basic check is remembered, so scripts calling the API do not pay PBKDF2 per call.</summary>
    public static readonly TimeSpan RememberBasicFor = TimeSpan.FromMinutes(10);

    private const int MaxRemembered = 10_000;
    private const string UnknownAccount = PersonDirectory.UnknownId;

    private readonly GovernanceState _state;
    private readonly SignInThrottle _throttle;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<string, (string PersonId, string? PasswordHash, DateTimeOffset Until)> _rememberedBasic = new(StringComparer.Ordinal);

    public SignInService(GovernanceState state, SignInThrottle throttle, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(throttle);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _state = state;
        _throttle = throttle;
        _timeProvider = timeProvider;
    }

    /// <summary>Checks a user name and password.</summary>
    /// <param name="client">The client's address, for throttling only; never stored.</param>
    /// <param name="via"><c>page</c> or <c>api</c>, for the record.</param>
    public Outcome<Person> SignIn(string? user, string? password, string client, string via)
    {
        var account = (user ?? string.Empty).Trim().ToLowerInvariant();
        if (_throttle.RetryAfter(account, client) is { } wait)
        {
            return new Problem(ProblemKind.TooManyAttempts, "password",
                $"too many failed sign-ins; try again in {Math.Ceiling(wait.TotalMinutes)} minutes") { RetryAfter = wait };
        }

        var person = _state.Directory.Find(account);
        if (person is null || !PasswordHasher.Verify(password, person.PasswordHash))
        {
            _throttle.Failed(account, client);
            var actor = person?.Id ?? UnknownAccount;
            var details = JsonSerializer.Serialize(new { via, reason = person is null ? "unknown-account" : "wrong-password" }, GovernanceJson.Options);
            _state.Log.Append(new GovernanceEntry(actor, GovernanceAction.AdminLoginFailed, person?.Id, details));
            return Problem.Invalid("password", "the user name or the password is wrong");
        }

        _throttle.Succeeded(account);
        _state.Log.Append(new GovernanceEntry(person.Id, GovernanceAction.AdminLogin, person.Id,
            JsonSerializer.Serialize(new { via }, GovernanceJson.Options)));
        return person;
    }

    /// <summary>
    /// Checks an <c>Authorization: Basic</c> header (RFC 7617). A success is remembered for
    /// <see cref="RememberBasicFor"/> by a SHA-256 of the header, so a script's calls write one login record, not one
    /// per call; the person must still be in the directory each time.
    /// </summary>
    public Outcome<Person> SignInBasic(string? authorization, string client)
    {
        if (!BasicCredentials.TryParse(authorization, out var user, out var password))
        {
            return Problem.Invalid("authorization", "expected 'Authorization: Basic' with a user name and password");
        }

        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(authorization!)));
        var now = _timeProvider.GetUtcNow();
        // A changed password or a removed person ends what was remembered at once.
        if (_rememberedBasic.TryGetValue(key, out var known) && known.Until > now && _state.Directory.Find(known.PersonId) is { } rememberedPerson
            && string.Equals(rememberedPerson.PasswordHash, known.PasswordHash, StringComparison.Ordinal))
        {
            return rememberedPerson;
        }

        var outcome = SignIn(user, password, client, "api");
        if (outcome.Succeeded)
        {
            if (_rememberedBasic.Count >= MaxRemembered)
            {
                _rememberedBasic.Clear();
            }

            _rememberedBasic[key] = (outcome.Value.Id, outcome.Value.PasswordHash, now + RememberBasicFor);
        }

        return outcome;
    }
}
