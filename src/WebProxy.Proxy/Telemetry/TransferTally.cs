namespace WebProxy.Proxy.Telemetry;

/// <summary>
/// The body bytes one exchange moved, for the per-site statistics (issue 5, article 6.1a: volume is traffic data).
/// Set as a request feature by the request handler while statistics are on; the forwarder and the WebSocket splicer
/// add to it. A request and its response run on one logical flow each, so plain adds suffice.
/// </summary>
public sealed class TransferTally
{
    public long ToClient { get; private set; }

    public long ToOrigin { get; private set; }

    public void AddToClient(long bytes) => ToClient += bytes;

    public void AddToOrigin(long bytes) => ToOrigin += bytes;
}
