namespace WebProxy.Storage;

/// <summary>
/// One request of an investigation's subject, as recorded while the investigation was active (issue 6). Traffic data
/// only (article 6.3), plus the full URL for a content-scope investigation; never a body, never a header.
/// </summary>
/// <param name="InvestigationId">The investigation it was recorded for.</param>
/// <param name="CapturedAt">When the request was made (UTC).</param>
/// <param name="Host">The host asked for.</param>
/// <param name="Url">The full URL; null for a traffic-scope investigation (and for a CONNECT that was not intercepted).</param>
/// <param name="BytesToClient">Bytes sent to the subject's workstation.</param>
/// <param name="BytesToOrigin">Bytes sent to the origin.</param>
/// <param name="Category">The regulation category the host or URL is in, when any.</param>
/// <param name="Decision">What the proxy did, e.g. <c>allow</c>, <c>block</c>, <c>tunnel</c>.</param>
public sealed record CapturedRequest(
    Guid InvestigationId,
    DateTimeOffset CapturedAt,
    string Host,
    string? Url,
    long BytesToClient,
    long BytesToOrigin,
    string? Category,
    string Decision);
