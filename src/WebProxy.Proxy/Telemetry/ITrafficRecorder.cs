namespace WebProxy.Proxy.Telemetry;

/// <summary>
/// Counts traffic per site for the identity-free statistics (issue 5). Called once per answered request on the
/// request path, so implementations only add to in-memory counters; writing them down happens elsewhere, in batches.
/// </summary>
public interface ITrafficRecorder
{
    /// <summary>False when statistics are off: the proxy then does not even tally bytes.</summary>
    bool IsEnabled { get; }

    /// <param name="traffic">What happened.</param>
    /// <param name="client">The connection's slot (address, cached hash).</param>
    /// <param name="personId">The person signed in for this request, or null.</param>
    void Record(in TrafficEvent traffic, ClientSlot client, string? personId);
}
