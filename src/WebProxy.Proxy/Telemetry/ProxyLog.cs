using Microsoft.Extensions.Logging;

namespace WebProxy.Proxy.Telemetry;

/// <summary>
/// Every log event of the proxy, with fixed ids. Privacy rule: no event carries a client address or a user
/// name, and none above Debug carries a host or URL.
/// </summary>
internal static partial class ProxyLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Malformed CONNECT request: {Reason}")]
    public static partial void MalformedConnect(ILogger logger, string reason);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "CONNECT to {Target} refused by policy")]
    public static partial void ConnectRefused(ILogger logger, string target);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Debug, Message = "Client did not start TLS inside an intercepted CONNECT; falling back to a blind tunnel")]
    public static partial void InterceptFallbackToTunnel(ILogger logger);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Debug, Message = "TLS handshake with the client failed")]
    public static partial void ClientHandshakeFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Debug, Message = "Origin {Target} could not be reached: {Kind}")]
    public static partial void UpstreamFailed(ILogger logger, string target, string kind);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Leaf certificate could not be minted; the intercepted connection is closed")]
    public static partial void LeafMintFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Debug, Message = "Forwarding failed: {Error}")]
    public static partial void ForwardingFailed(ILogger logger, string error, Exception? exception);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Debug, Message = "Request inside an intercepted tunnel named another host; refused as domain fronting")]
    public static partial void DomainFrontingRefused(ILogger logger);
}
