using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using WebProxy.Governance.Rights;

namespace WebProxy.Host.Governance;

/// <summary>
/// Article 8 for IT's Prometheus: how many rights requests are past their due date without an answer
/// (<c>webproxy_rights_requests_overdue</c>), computed from <see cref="RightsRequestService.CountOverdue"/> at the
/// clock's now on each scrape. A count only: no person, no request, no label.
/// </summary>
internal sealed class RightsMetrics
{
    public const string OverdueGauge = "webproxy.rights_requests.overdue";

    private readonly RightsRequestService _requests;
    private readonly TimeProvider _timeProvider;

    public RightsMetrics(IMeterFactory meterFactory, RightsRequestService requests, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _requests = requests;
        _timeProvider = timeProvider;
        var meter = meterFactory.Create(GovernanceMeter.Name);
        meter.CreateObservableGauge(OverdueGauge, Observe, "{request}",
            "Rights requests (article 8) still unanswered at or after their due date, 28 days after filing.");
    }

    /// <summary>The value now; no measurement (a gap, not a false zero) when the database cannot be read.</summary>
    private IEnumerable<Measurement<int>> Observe()
    {
        int overdue;
        try
        {
            overdue = _requests.CountOverdue(_timeProvider.GetUtcNow());
        }
        catch (Exception ex) when (ex is SqliteException or IOException or InvalidOperationException)
        {
            return [];
        }

        return [new Measurement<int>(overdue)];
    }
}
