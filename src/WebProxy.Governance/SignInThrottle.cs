using System.Collections.Concurrent;

namespace WebProxy.Governance;

/// <summary>
/// Slows password guessing on the admin port: after <see cref="MaxFailures"/> failed sign-ins within
/// <see cref="Window"/> for one account, or <see cref="MaxFailuresPerClient"/> from one client, further attempts are refused unchecked until the window
/// has passed (NIST SP 800-63B §5.2.2, rate limiting). Also spares the CPU: each real check costs a third of a
/// second by design. Kept in memory only; client keys are never written anywhere.
/// </summary>
public sealed class SignInThrottle
{
    public const int MaxFailures = 5;

    /// <summary>
    /// Per client address the bar is higher: colleagues behind one NAT address (or the proxy itself) must not lock
    /// each other out with a few typos each.
    /// </summary>
    public const int MaxFailuresPerClient = 20;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private const int MaxTracked = 100_000;

    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);

    public SignInThrottle(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
    }

    /// <summary>How long the account or the client must wait; null when an attempt may be checked now.</summary>
    public TimeSpan? RetryAfter(string account, string client)
    {
        var now = _timeProvider.GetUtcNow();
        var wait = Wait(Key("account", account), MaxFailures, now);
        var clientWait = Wait(Key("client", client), MaxFailuresPerClient, now);
        return wait is null ? clientWait : clientWait is null ? wait : (wait > clientWait ? wait : clientWait);
    }

    public void Failed(string account, string client)
    {
        var now = _timeProvider.GetUtcNow();
        if (_failures.Count >= MaxTracked)
        {
            _failures.Clear();
        }

        foreach (var key in new[] { Key("account", account), Key("client", client) })
        {
            _failures.AddOrUpdate(key, _ => new Failures(1, now), (_, f) => now - f.First >= Window ? new Failures(1, now) : f with { Count = f.Count + 1 });
        }
    }

    /// <summary>A successful sign-in clears the account's count (not the client's: one right guess does not reset a spray).</summary>
    public void Succeeded(string account) => _failures.TryRemove(Key("account", account), out _);

    private TimeSpan? Wait(string key, int maxFailures, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var failures) || failures.Count < maxFailures)
        {
            return null;
        }

        var until = failures.First + Window;
        return until > now ? until - now : null;
    }

    private static string Key(string kind, string value) => $"{kind}:{value}";

    private sealed record Failures(int Count, DateTimeOffset First);
}
