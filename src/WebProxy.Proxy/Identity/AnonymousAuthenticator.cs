namespace WebProxy.Proxy.Identity;

/// <summary>Authentication off: the engine's default when the host registers no directory.</summary>
internal sealed class AnonymousAuthenticator : IProxyAuthenticator
{
    public ProxyAuthenticationMode Mode => ProxyAuthenticationMode.Off;

    public string? Authenticate(string? proxyAuthorization) => null;
}
