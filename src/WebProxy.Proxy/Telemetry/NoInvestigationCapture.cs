namespace WebProxy.Proxy.Telemetry;

/// <summary>The engine's default when the host keeps no investigations: nobody is ever recorded.</summary>
internal sealed class NoInvestigationCapture : IInvestigationCapture
{
    public bool IsCapturing(string personId) => false;

    public bool WantsContent(string personId) => false;

    public void Capture(in TrafficEvent traffic, string personId, string? url)
    {
    }
}
