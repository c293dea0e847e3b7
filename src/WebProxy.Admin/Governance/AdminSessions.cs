using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace WebProxy.Admin.Governance;

/// <summary>
/// Sign-in sessions of the manager pages: a random token in an HttpOnly, SameSite=Strict cookie, mapped in memory to
/// the person. Nothing is stored on disk, so a restart signs everyone out. SameSite=Strict keeps the cookie off
/// requests started by other sites, which is the cross-site request forgery defence of the forms (with the origin
/// check in <see cref="AdminIdentity"/>).
/// </summary>
public sealed class AdminSessions
{
    public const string CookieName = "webproxy_session";

    /// <summary>A working day; after it the person signs in again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    private const int MaxSessions = 10_000;

    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<string, (string PersonId, DateTimeOffset Until)> _sessions = new(StringComparer.Ordinal);

    public AdminSessions(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
    }

    /// <summary>Starts a session and sets its cookie.</summary>
    public void Start(HttpContext context, string personId)
    {
        var now = _timeProvider.GetUtcNow();
        if (_sessions.Count >= MaxSessions)
        {
            foreach (var (token, session) in _sessions)
            {
                if (session.Until <= now)
                {
                    _sessions.TryRemove(token, out _);
                }
            }
        }

        var newToken = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        _sessions[newToken] = (personId, now + Lifetime);
        context.Response.Cookies.Append(CookieName, newToken, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
            MaxAge = Lifetime,
        });
    }

    /// <summary>The person of the request's session, or null.</summary>
    public string? Find(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var token) || token is null)
        {
            return null;
        }

        if (_sessions.TryGetValue(token, out var session) && session.Until > _timeProvider.GetUtcNow())
        {
            return session.PersonId;
        }

        _sessions.TryRemove(token, out _);
        return null;
    }

    /// <summary>Ends the request's session and clears its cookie.</summary>
    public void End(HttpContext context)
    {
        if (context.Request.Cookies.TryGetValue(CookieName, out var token) && token is not null)
        {
            _sessions.TryRemove(token, out _);
        }

        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
    }
}
