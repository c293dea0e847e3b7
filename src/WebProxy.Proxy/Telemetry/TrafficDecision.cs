namespace WebProxy.Proxy.Telemetry;

/// <summary>What the rules did with a request, for the counts per regulation category and decision.</summary>
public enum TrafficDecision
{
    /// <summary>Forwarded (or tunnelled); no rule applied.</summary>
    Allowed,

    /// <summary>Refused by a rule of the regulation (a category or a size).</summary>
    Blocked,

    /// <summary>Forwarded only because the person holds an exemption for the category it is in.</summary>
    Exempted,
}
