namespace WebProxy.ConnectLoad;

/// <summary>Why an iteration failed; counted per kind in the output.</summary>
internal enum FailureKind
{
    /// <summary>The TCP connection to the proxy (or origin) could not be opened.</summary>
    Connect,

    /// <summary>The proxy answered the CONNECT with something other than 200.</summary>
    ConnectRefused,

    /// <summary>The TLS handshake failed (certificate not trusted, wrong name, protocol error).</summary>
    Tls,

    /// <summary>The response status was not 2xx.</summary>
    Status,

    /// <summary>The response could not be parsed, or had no Content-Length.</summary>
    Protocol,

    /// <summary>The peer closed or reset the connection in the middle of an exchange.</summary>
    Closed,

    /// <summary>A step took longer than <c>--timeout</c>.</summary>
    Timeout,
}
