namespace WebProxy.Proxy.Telemetry;

/// <summary>Request methods folded into a fixed set, so a client inventing methods cannot grow the metric series.</summary>
public enum MethodClass
{
    /// <summary>GET, HEAD, OPTIONS, TRACE: safe methods (RFC 9110 §9.2.1).</summary>
    Safe,

    /// <summary>POST, PUT, PATCH, DELETE.</summary>
    Unsafe,

    /// <summary>CONNECT.</summary>
    Connect,

    /// <summary>Anything else (WebDAV and extension methods).</summary>
    Other,
}
