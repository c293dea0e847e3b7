namespace WebProxy.Proxy.Forwarding;

/// <summary>
/// How forwarding ended. Expected failures are values, not exceptions (the shape of YARP's ForwarderError),
/// so the caller decides in one place which page the user sees.
/// </summary>
public enum ForwarderError
{
    /// <summary>The response was copied to the client completely.</summary>
    None,

    /// <summary>The origin could not be reached; see <see cref="ForwarderErrorFeature.UpstreamKind"/>.</summary>
    UpstreamUnavailable,

    /// <summary>The origin did not send response headers in time.</summary>
    UpstreamTimeout,

    /// <summary>The origin's certificate was refused; see <see cref="ForwarderErrorFeature.TlsFailure"/>.</summary>
    UpstreamTlsInvalid,

    /// <summary>The origin failed before sending response headers (reset, protocol violation).</summary>
    UpstreamRequestFailed,

    /// <summary>The origin failed while the response body was being copied; the client connection is aborted.</summary>
    UpstreamResponseBodyFailed,

    /// <summary>The client stopped sending the request body or went away.</summary>
    ClientAborted,

    /// <summary>A protocol upgrade (WebSocket) could not be completed.</summary>
    UpgradeFailed,

    /// <summary>The request body is larger than the upload limit; nothing was answered yet when its length was declared.</summary>
    RequestBodyTooLarge,

    /// <summary>The response body is larger than the download limit; when it had no declared length, the transfer was cut.</summary>
    ResponseBodyTooLarge,
}
