namespace WebProxy.Proxy.Telemetry;

/// <summary>Statistics off: the engine's default when the host registers no recorder.</summary>
internal sealed class NoTrafficRecorder : ITrafficRecorder
{
    public bool IsEnabled => false;

    public void Record(in TrafficEvent traffic, ClientSlot client, string? personId)
    {
    }
}
