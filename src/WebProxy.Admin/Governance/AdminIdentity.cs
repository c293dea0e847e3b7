using Microsoft.AspNetCore.Http;
using WebProxy.Governance;
using WebProxy.Policy.Identity;

namespace WebProxy.Admin.Governance;

/// <summary>
/// Who is calling the admin port: a page session (cookie) or an <c>Authorization: Basic</c> header (scripts, the API).
/// Either way a directory person; there are no separate admin accounts.
/// </summary>
public sealed class AdminIdentity
{
    private readonly GovernanceEndpointsContext _governance;
    private readonly AdminSessions _sessions;

    public AdminIdentity(GovernanceEndpointsContext governance, AdminSessions sessions)
    {
        _governance = governance;
        _sessions = sessions;
    }

    /// <summary>
    /// The person, or the problem: no credentials (401), wrong ones (401), throttled (429). A session whose person has
    /// left the directory counts as none.
    /// </summary>
    public Outcome<Person> Resolve(HttpContext context)
    {
        if (_sessions.Find(context) is { } sessionPerson)
        {
            return _governance.State.Directory.Find(sessionPerson) is { } person
                ? person
                : Problem.Invalid("authorization", "your session ended: sign in again");
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(authorization))
        {
            return Problem.Invalid("authorization", "sign in: send 'Authorization: Basic' with your user name and password");
        }

        return _governance.SignIn.SignInBasic(authorization, ClientKey(context));
    }

    /// <summary>The key failed sign-ins are throttled by: the client's address, in memory only.</summary>
    public static string ClientKey(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>
    /// A form post from a page is accepted only from the admin port's own pages: the Origin (or Referer) must name
    /// this host. Together with the SameSite=Strict cookie this stops cross-site request forgery.
    /// </summary>
    public static bool IsSameOrigin(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(origin) || origin == "null")
        {
            origin = context.Request.Headers.Referer.ToString();
        }

        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && string.Equals(uri.Authority, context.Request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
