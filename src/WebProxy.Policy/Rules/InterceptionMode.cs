namespace WebProxy.Policy.Rules;

/// <summary>What the proxy does with the TLS inside an allowed CONNECT (DESIGN.md §2).</summary>
public enum InterceptionMode
{
    /// <summary>
    /// <c>blocked-only</c>, the default: allowed HTTPS is tunnelled blind (the proxy sees the host only, article 6.3);
    /// a CONNECT to a blocked host, or to a host with blocked url-list paths, is intercepted so the block page can be
    /// shown over TLS.
    /// </summary>
    BlockedOnly,

    /// <summary><c>all</c>: every allowed CONNECT is intercepted and each request inside is decided on its full URL.</summary>
    All,

    /// <summary>
    /// <c>none</c>: host-only filtering and blind tunnels; a blocked host is refused with 403 on the CONNECT (the
    /// browser shows its own error page, not ours), and url-list paths cannot be enforced over HTTPS.
    /// </summary>
    None,
}
