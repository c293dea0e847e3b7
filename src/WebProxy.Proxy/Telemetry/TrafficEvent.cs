namespace WebProxy.Proxy.Telemetry;

/// <summary>
/// One request the proxy answered (plain, inside an intercepted tunnel, or a blind tunnel as a whole), as the
/// statistics count it: the host, the bytes, the decision and its category. Who asked is not in it: the recorder
/// gets the connection's <see cref="ClientSlot"/> and the person's id only to feed a keyed distinct-count sketch.
/// </summary>
/// <param name="Host">The destination host, lower-case, IDN in ASCII form.</param>
/// <param name="Rule">
/// The rule that blocked it or that an exemption lifted, by its <see cref="Policy.Rules.BlockReason.Name"/>
/// (<c>adult</c>, ..., <c>download-size</c>); null when no rule was involved.
/// </param>
public readonly record struct TrafficEvent(string Host, long BytesToClient, long BytesToOrigin, TrafficDecision Decision, string? Rule);
