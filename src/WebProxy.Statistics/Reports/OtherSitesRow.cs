using System.ComponentModel;

namespace WebProxy.Statistics.Reports;

/// <summary>
/// Every site not shown by name, summed: those seen from fewer than k distinct visitors (folded for k-anonymity,
/// whatever their rank) and those ranked below the top N. It has no visitor figure: the busiest-day estimates of
/// different sites cannot be added up into a count of distinct people.
/// </summary>
/// <param name="Sites">How many sites the row sums.</param>
/// <param name="BelowK">How many of them were folded because fewer than k distinct visitors saw them.</param>
public sealed record OtherSitesRow(
    [property: Description("How many sites are summed here.")]
    int Sites,
    [property: Description("How many of them are hidden because fewer than k distinct clients saw them on any one day; the rest ranked below the top n.")]
    int BelowK,
    long Requests,
    long BytesToClient,
    long BytesToOrigin,
    long Blocked);
