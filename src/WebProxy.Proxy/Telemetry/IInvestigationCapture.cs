namespace WebProxy.Proxy.Telemetry;

/// <summary>
/// Records the requests of a person under an approved investigation (issue 6; articles 6.2 and 6.3): only while it is
/// approved and within its period, only requests authenticated as the subject, only in the approved scope (traffic
/// data, or full URLs for a content investigation). Bodies are never recorded. Everyone else costs one lookup.
/// </summary>
public interface IInvestigationCapture
{
    /// <summary>Whether <paramref name="personId"/>'s requests are being recorded now.</summary>
    bool IsCapturing(string personId);

    /// <summary>
    /// Whether a content-scope investigation of <paramref name="personId"/> runs now: their HTTPS is then intercepted
    /// even where it would be tunnelled blind, so the approved URLs can be recorded.
    /// </summary>
    bool WantsContent(string personId);

    /// <summary>Records one request; the URL is kept only where the scope allows it.</summary>
    void Capture(in TrafficEvent traffic, string personId, string? url);
}
