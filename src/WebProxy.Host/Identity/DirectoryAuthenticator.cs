using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using WebProxy.Policy.Identity;
using WebProxy.Proxy.Identity;

namespace WebProxy.Host.Identity;

/// <summary>
/// Checks Basic proxy credentials against the directory's PBKDF2 hashes. A check costs a third of a second of CPU
/// by design, and browsers open many connections, so a successful check is remembered for a while, keyed by a
/// SHA-256 of the header (never the password itself). Failed checks are not remembered.
/// </summary>
internal sealed class DirectoryAuthenticator : IProxyAuthenticator
{
    private const int MaxRemembered = 10_000;
    private static readonly TimeSpan RememberFor = TimeSpan.FromMinutes(10);

    private readonly Func<PersonDirectory> _directory;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<string, (string PersonId, string PasswordHash, DateTimeOffset Until)> _remembered = new(StringComparer.Ordinal);

    /// <param name="directory">The directory in force now: a person removed, or whose password changed, stops matching at once.</param>
    public DirectoryAuthenticator(Func<PersonDirectory> directory, ProxyAuthenticationMode mode, TimeProvider timeProvider)
    {
        _directory = directory;
        Mode = mode;
        _timeProvider = timeProvider;
    }

    public ProxyAuthenticationMode Mode { get; }

    public string? Authenticate(string? proxyAuthorization)
    {
        if (string.IsNullOrEmpty(proxyAuthorization))
        {
            return null;
        }

        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(proxyAuthorization)));
        var now = _timeProvider.GetUtcNow();
        var directory = _directory();
        if (_remembered.TryGetValue(key, out var known) && known.Until > now && directory.Find(known.PersonId) is { } rememberedPerson
            && string.Equals(rememberedPerson.PasswordHash, known.PasswordHash, StringComparison.Ordinal))
        {
            return known.PersonId;
        }

        if (!BasicCredentials.TryParse(proxyAuthorization, out var user, out var password)
            || directory.Find(user.ToLowerInvariant()) is not { PasswordHash: { } hash } person
            || !PasswordHasher.Verify(password, hash))
        {
            return null;
        }

        if (_remembered.Count >= MaxRemembered)
        {
            _remembered.Clear();
        }

        _remembered[key] = (person.Id, hash, now + RememberFor);
        return person.Id;
    }
}
