using WebProxy.Statistics.Reports;
using WebProxy.Storage.Statistics;

namespace WebProxy.Admin.Statistics;

/// <summary>What the statistics endpoints work with; the host builds it once.</summary>
/// <param name="Store">The statistics database the reports read.</param>
/// <param name="TimeProvider">The clock: which day is today, and whether a period has begun.</param>
/// <param name="TimeZone">The municipality's zone, whose days, weeks and months the reports cover; the same zone the
/// recorder's daily sketches use.</param>
/// <param name="Flush">Writes the counts the recorder holds in memory, so a report includes the last seconds. Called
/// before every report, after the caller is signed in and the request is valid.</param>
/// <param name="K">The k of k-anonymity: sites seen by fewer distinct clients on their busiest day are not named.</param>
public sealed record StatisticsEndpointsContext(
    StatisticsStore Store,
    TimeProvider TimeProvider,
    TimeZoneInfo TimeZone,
    Func<Task> Flush,
    int K = TopSitesReport.DefaultK);
