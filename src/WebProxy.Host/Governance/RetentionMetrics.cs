using System.Diagnostics.Metrics;

namespace WebProxy.Host.Governance;

/// <summary>
/// Article 7.1 for IT's Prometheus: how many personal-data records the retention job deleted, by class
/// (<c>webproxy_retention_deleted_records_total{class}</c>), and how many a restored backup brought back that were
/// deleted again. The class is the only label: no person, no host.
/// </summary>
internal sealed class RetentionMetrics
{
    public const string DeletedCounter = "webproxy.retention.deleted_records";

    private readonly Counter<long> _deleted;

    public RetentionMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(GovernanceMeter.Name);
        _deleted = meter.CreateCounter<long>(DeletedCounter, "{record}",
            "Personal-data records deleted by the retention job (article 7.1), by class: captured_requests (past " +
            "Investigations.RetentionDays), closed_investigation_requests (past Investigations.ClosedGraceDays), " +
            "exemptions (ended longer than Identity.ExemptionRetentionDays ago), reapplied_after_restore (records a restored " +
            "investigations.db brought back, deleted again at start).");
    }

    public void Count(RetentionDeletions deletions)
    {
        Add("captured_requests", deletions.CapturedRequests);
        Add("closed_investigation_requests", deletions.ClosedInvestigationRequests);
        Add("exemptions", deletions.Exemptions);
    }

    /// <summary>The records a restored backup brought back and opening deleted again (article 7.2), before the timers ran.</summary>
    public void CountReapplied(int count) => Add("reapplied_after_restore", count);

    private void Add(string retentionClass, int count)
    {
        // Every class is written, zero included, so each series exists from the first run and rate() has a start.
        _deleted.Add(count, new KeyValuePair<string, object?>("class", retentionClass));
    }
}
