namespace WebProxy.Proxy.Upstream;

/// <summary>Why an origin could not be reached; each maps to a page that tells the user what happened.</summary>
public enum UpstreamErrorKind
{
    /// <summary>The host name does not resolve (502).</summary>
    DnsFailure,

    /// <summary>The origin actively refused the TCP connection (502).</summary>
    ConnectionRefused,

    /// <summary>The origin could not be reached for another network reason (502).</summary>
    Unreachable,

    /// <summary>The origin did not answer in time (504).</summary>
    Timeout,

    /// <summary>The origin's TLS certificate is not acceptable (502).</summary>
    TlsInvalid,

    /// <summary>The origin broke the protocol or closed the connection mid-response (502).</summary>
    ProtocolError,
}
