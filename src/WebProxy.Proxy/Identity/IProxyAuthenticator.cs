namespace WebProxy.Proxy.Identity;

/// <summary>
/// Checks <c>Proxy-Authorization</c> credentials. The identity it returns lives in memory for the connection only and
/// is never written anywhere by the proxying path (no logs, no statistics).
/// </summary>
public interface IProxyAuthenticator
{
    ProxyAuthenticationMode Mode { get; }

    /// <summary>The person's id for valid credentials; null when the header is missing, malformed or wrong.</summary>
    string? Authenticate(string? proxyAuthorization);
}
