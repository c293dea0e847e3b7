using System.Globalization;
using System.Text.Json;
using WebProxy.Governance;
using WebProxy.Storage;

namespace WebProxy.Host.Governance;

/// <summary>
/// Deletes exemptions that ended — ran out, or were revoked — longer ago than <c>Identity.ExemptionRetentionDays</c>
/// (article 7.1), and with them the only copy of their free-text reason. One <c>records_deleted</c> record per run
/// holds the count and the cut-off, never who or why, written in the same transaction as the deletion. The governance
/// records of the grant, revocation and expiry stay: the log is the evidence of article 6.1d and is never deleted,
/// which is why they carry the reasons only as hashes. No re-application after a restore is needed, unlike
/// <see cref="CaptureRetention"/>: the exemptions live in the same file as the log, so a restored backup brings
/// back the older log as well, and this rule — by date — deletes them again at the next run (which is at start).
/// </summary>
internal sealed class ExemptionRetention
{
    private readonly GovernanceState _state;
    private readonly ExemptionStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _retention;

    public ExemptionRetention(GovernanceState state, ExemptionStore store, TimeProvider timeProvider, TimeSpan retention)
    {
        _state = state;
        _store = store;
        _timeProvider = timeProvider;
        _retention = retention;
    }

    /// <summary>
    /// Deletes the exemptions over before the cut-off whose end is on record (revoked, or expiry recorded: the
    /// expiry record is written first, so the log tells the whole story); returns how many went.
    /// </summary>
    public RetentionDeletions Apply()
    {
        _state.Refresh();
        var cutoff = _timeProvider.GetUtcNow() - _retention;
        var due = _state.Exemptions.All
            .Where(e => e.EffectiveEnd <= cutoff && (e.IsRevoked || e.ExpiryRecorded))
            .Select(e => e.Id)
            .ToArray();
        var deleted = _store.DeleteEnded(due, count => new GovernanceEntry(Actor.SystemId, GovernanceAction.RecordsDeleted, Details: JsonSerializer.Serialize(new
        {
            kind = DeletionKinds.ExemptionsEnded,
            endedBefore = cutoff.ToString("O", CultureInfo.InvariantCulture),
            count,
            retentionDays = _retention.TotalDays,
        })));
        if (deleted > 0)
        {
            _state.Refresh();
        }

        return new RetentionDeletions(CapturedRequests: 0, ClosedInvestigationRequests: 0, Exemptions: deleted);
    }
}
