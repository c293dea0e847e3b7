namespace WebProxy.Policy.Investigations;

/// <summary>
/// What an investigation records about its subject's requests (articles 6.2 and 6.3). The stable lower-case names
/// (<see cref="InvestigationNames"/>) are what the admin API and the database use; the numeric values are not stable
/// and must not be stored. Bodies are never recorded, whatever the scope.
/// </summary>
public enum InvestigationScope
{
    /// <summary><c>traffic</c>: time, host, bytes each way, category and decision; no path, no query (article 6.3: traffic data in principle).</summary>
    Traffic,

    /// <summary><c>content</c>: the traffic data and the full URL; needs the municipal secretary's prior approval (article 6.3).</summary>
    Content,
}
