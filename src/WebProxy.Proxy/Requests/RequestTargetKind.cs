namespace WebProxy.Proxy.Requests;

internal enum RequestTargetKind
{
    /// <summary>Forward to <see cref="RequestTarget.Destination"/>.</summary>
    Forward,

    /// <summary>Addressed to the proxy itself (origin-form on the proxy port).</summary>
    ProxyItself,

    /// <summary><c>OPTIONS *</c>: a question about the server's capabilities (RFC 9110 §9.3.7).</summary>
    ServerOptions,

    /// <summary>A CONNECT after other requests on the same connection.</summary>
    ConnectNotFirst,

    /// <summary>Inside an intercepted tunnel, a request for another host than the CONNECT named.</summary>
    DomainFronting,

    /// <summary>Unusable target; <see cref="RequestTarget.Error"/> says why.</summary>
    Bad,
}
