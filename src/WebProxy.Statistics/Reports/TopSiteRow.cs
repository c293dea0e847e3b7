using System.ComponentModel;

namespace WebProxy.Statistics.Reports;

/// <summary>A site shown by name in the top-sites report.</summary>
/// <param name="Rank">1 for the most requested site shown.</param>
/// <param name="Site">The registrable domain (eTLD+1), or the address for an IP literal.</param>
/// <param name="VisitorsOnBusiestDay">
/// The distinct-visitor estimate of the site's busiest day in the period: a lower bound of its distinct visitors in
/// the period, because each day's clients are hashed under a different key and cannot be matched across days. At
/// least the report's k, or the site would not be shown.
/// </param>
public sealed record TopSiteRow(
    [property: Description("1 for the most requested site named.")]
    int Rank,
    [property: Description("The registrable domain (eTLD+1), or the address of an IP literal.")]
    string Site,
    long Requests,
    [property: Description("Response body bytes sent to the clients.")]
    long BytesToClient,
    [property: Description("Request body bytes sent to the site.")]
    long BytesToOrigin,
    [property: Description("Requests refused by the regulation's rules.")]
    long Blocked,
    [property: Description(
        "Distinct clients on the site's busiest day of the period: a lower bound of its distinct visitors in the period. " +
        "Each day's clients are hashed under a key of that day only, which is then destroyed, so the same person on two " +
        "days cannot be recognised and the days cannot be added up.")]
    long VisitorsOnBusiestDay);
