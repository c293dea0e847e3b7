using WebProxy.Statistics.Counting;
using WebProxy.Statistics.Sketches;

namespace WebProxy.Statistics.Reports;

/// <summary>
/// The distinct-visitor figure of a site over a period: the largest of its daily estimates.
/// </summary>
/// <remarks>
/// Each day's sketch holds hashes under that day's key, which is destroyed when the day ends (article 6.2: totals
/// that cannot be traced to persons), so the same person on Monday and on Tuesday gives unrelated values. Merging the
/// days' sketches would count person-days, an upper bound that grows with the length of the period; the busiest
/// day's count is a lower bound of the people who visited in the period. The report uses the lower bound for the
/// k-anonymity test too: a site is named only when at least k distinct clients saw it on one and the same day, which
/// can only hide more sites than the true count would, never fewer.
/// </remarks>
internal static class BusiestDayVisitors
{
    /// <summary>Per site, the largest rounded daily estimate among <paramref name="sketches"/> of the period's days.</summary>
    /// <exception cref="InvalidDataException">A sketch's bytes are damaged.</exception>
    public static Dictionary<string, long> Of(IEnumerable<SiteDaySketch> sketches, ReportPeriod period)
    {
        var visitors = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var day in sketches)
        {
            if (day.Day < period.FirstDay || day.Day > period.LastDay)
            {
                continue;
            }

            var estimate = (long)Math.Round(HyperLogLog.FromBytes(day.Sketch).Estimate());
            if (!visitors.TryGetValue(day.Site, out var busiest) || estimate > busiest)
            {
                visitors[day.Site] = estimate;
            }
        }

        return visitors;
    }
}
