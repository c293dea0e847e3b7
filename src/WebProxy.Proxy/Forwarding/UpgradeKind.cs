namespace WebProxy.Proxy.Forwarding;

/// <summary>Whether a request asks to switch protocols, and how.</summary>
internal enum UpgradeKind
{
    None,

    /// <summary>HTTP/1.1 <c>Upgrade</c> (RFC 9110 §7.8), as a WebSocket handshake does (RFC 6455 §4).</summary>
    Http11Upgrade,

    /// <summary>HTTP/2 extended CONNECT for WebSockets (RFC 8441), sent upstream as an HTTP/1.1 upgrade.</summary>
    ExtendedConnect,
}
