using WebProxy.Statistics.Reports;

namespace WebProxy.Admin.Statistics;

/// <summary>Builds a top-sites report from the statistics database, after flushing what the recorder still holds.</summary>
internal static class TopSitesReports
{
    public static async Task<TopSitesReport> BuildAsync(StatisticsEndpointsContext statistics, TopSitesQuery query)
    {
        await statistics.Flush().ConfigureAwait(false);
        var period = query.Period;
        var store = statistics.Store;
        return TopSitesReport.Build(
            period,
            store.SiteTotals(period.From, period.To, query.Category),
            store.SiteDaySketches(period.FirstDay, period.LastDay),
            store.RuleTotals(period.From, period.To),
            query.Category,
            query.Count,
            statistics.K);
    }
}
