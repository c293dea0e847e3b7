namespace WebProxy.Proxy.Telemetry;

/// <summary>How the proxy answered a request.</summary>
public enum RequestOutcome
{
    /// <summary>Forwarded to the origin and answered from it (any status the origin chose).</summary>
    Forwarded,

    /// <summary>CONNECT answered with a blind tunnel.</summary>
    Tunneled,

    /// <summary>CONNECT answered with TLS interception.</summary>
    Intercepted,

    /// <summary>Refused by rule (port, policy, domain fronting).</summary>
    Refused,

    /// <summary>Rejected as malformed or too large.</summary>
    Rejected,

    /// <summary>The origin could not be reached or misbehaved.</summary>
    UpstreamError,

    /// <summary>The client went away before the answer was complete.</summary>
    ClientAborted,

    /// <summary>Answered by the proxy itself (its own page, OPTIONS *).</summary>
    Local,
}
