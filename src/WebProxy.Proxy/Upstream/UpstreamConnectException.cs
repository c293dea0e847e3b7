namespace WebProxy.Proxy.Upstream;

/// <summary>A failed connection attempt to an origin, classified so the caller can answer with the right page.</summary>
public sealed class UpstreamConnectException : Exception
{
    public UpstreamConnectException(UpstreamErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    public UpstreamErrorKind Kind { get; }
}
