namespace WebProxy.Statistics.Reports;

/// <summary>
/// One site's traffic summed over a report period (optionally under one rule), as storage reads it from the hourly
/// counts: requests, body bytes each way, blocked requests. Traffic data in the sense of article 6.1a (time, volume,
/// size) and nothing else.
/// </summary>
/// <param name="Site">The registrable domain (eTLD+1), or the address for an IP literal.</param>
public sealed record SiteTotals(string Site, long Requests, long BytesToClient, long BytesToOrigin, long Blocked);
