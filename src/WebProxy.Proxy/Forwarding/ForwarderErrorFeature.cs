using WebProxy.Proxy.Upstream;

namespace WebProxy.Proxy.Forwarding;

/// <summary>Details of a failed forward, attached to the request for the error page and the metrics.</summary>
public sealed class ForwarderErrorFeature
{
    public ForwarderErrorFeature(ForwarderError error, Exception? exception)
    {
        Error = error;
        Exception = exception;
    }

    public ForwarderError Error { get; }

    public Exception? Exception { get; }

    public UpstreamErrorKind? UpstreamKind { get; init; }

    public UpstreamTlsFailure? TlsFailure { get; init; }
}
