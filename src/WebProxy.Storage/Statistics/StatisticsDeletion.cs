namespace WebProxy.Storage.Statistics;

/// <summary>What one retention run deleted from <c>statistics.db</c>, per table, for the log and the metrics.</summary>
public sealed record StatisticsDeletion(long SiteHours, long RuleHours, long SiteDays)
{
    public long Total => SiteHours + RuleHours + SiteDays;
}
