namespace WebProxy.Proxy.Forwarding;

/// <summary>
/// Body size bounds for one forwarded request (articles 5.3, 5.4 and 5.6: no oversized transfers without prior
/// consultation). Null means unbounded; an exemption raises or lifts a bound for one person.
/// </summary>
public readonly record struct TransferLimits(long? MaxUploadBytes, long? MaxDownloadBytes)
{
    public static TransferLimits None => default;
}
