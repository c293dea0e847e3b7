using System.ComponentModel;

namespace WebProxy.Statistics.Reports;

/// <summary>The whole period (or category): the shown sites and the other sites together, so the rows add up to it.</summary>
/// <param name="Sites">How many sites had traffic.</param>
public sealed record ReportTotals(
    [property: Description("How many sites had traffic: the named ones and the other sites together.")]
    int Sites,
    long Requests,
    long BytesToClient,
    long BytesToOrigin,
    long Blocked);
