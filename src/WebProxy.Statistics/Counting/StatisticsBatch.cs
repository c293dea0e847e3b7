namespace WebProxy.Statistics.Counting;

/// <summary>
/// What the recorder counted since the last flush, handed to storage in one transaction (issue 5). Nothing in it
/// names a person or an address: sites, hours, rules, counts, and per site and day a sketch of keyed hashes.
/// </summary>
public sealed record StatisticsBatch(
    IReadOnlyList<SiteHourCounts> Sites,
    IReadOnlyList<RuleHourCounts> Rules,
    IReadOnlyList<SiteDaySketch> Sketches)
{
    public static StatisticsBatch Empty { get; } = new([], [], []);

    public bool IsEmpty => Sites.Count == 0 && Rules.Count == 0 && Sketches.Count == 0;
}

/// <summary>
/// Traffic to one site in one hour under one rule: requests, body bytes each way, and how many were blocked.
/// </summary>
/// <param name="Hour">The start of the hour, UTC.</param>
/// <param name="Site">The registrable domain (eTLD+1), or the address for an IP literal.</param>
/// <param name="Rule">The rule involved (<c>adult</c>, ..., <c>download-size</c>), or empty for none.</param>
public sealed record SiteHourCounts(DateTimeOffset Hour, string Site, string Rule, long Requests, long BytesToClient, long BytesToOrigin, long Blocked);

/// <summary>Requests per rule and decision in one hour (the counts per regulation category and decision).</summary>
/// <param name="Rule">The rule involved, or empty for none.</param>
/// <param name="Decision"><c>allowed</c>, <c>blocked</c> or <c>exempted</c>.</param>
public sealed record RuleHourCounts(DateTimeOffset Hour, string Rule, string Decision, long Requests);

/// <summary>
/// The distinct-client sketch of one site on one local day: HyperLogLog registers of HMAC hashes under that day's
/// key, which existed only in memory and is gone; merged with what storage holds for the same day and site.
/// </summary>
public sealed record SiteDaySketch(DateOnly Day, string Site, byte[] Sketch);
