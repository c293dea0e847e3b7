using System.Globalization;
using System.Text.Json;
using WebProxy.Governance;
using WebProxy.Storage;

namespace WebProxy.Host.Governance;

/// <summary>
/// Deletes captured requests older than the retention (article 7.1: at most six months), and a closed
/// investigation's requests once its grace period has passed, except those of an investigation on legal hold, and records each deletion in the governance log — the count and the cut-off, never
/// the data. Because those records survive a restore of <c>investigations.db</c> from a backup, <see cref="Reapply"/>
/// runs them again before anything is served (article 7.2: data that had to be deleted must not come back).
/// </summary>
internal sealed class CaptureRetention
{
    private const string CapturedBefore = "captured-before";
    private const string InvestigationClosed = "investigation-closed";

    private readonly GovernanceState _state;
    private readonly CaptureStore _captures;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _retention;
    private readonly TimeSpan _closedGrace;

    public CaptureRetention(GovernanceState state, CaptureStore captures, TimeProvider timeProvider, TimeSpan retention, TimeSpan closedGrace)
    {
        _state = state;
        _captures = captures;
        _timeProvider = timeProvider;
        _retention = retention;
        _closedGrace = closedGrace;
    }

    /// <summary>
    /// Deletes what is past the retention now, and the records of investigations closed longer ago than the grace
    /// period; returns how many records went.
    /// </summary>
    public int Apply()
    {
        var now = _timeProvider.GetUtcNow();
        var closed = 0;
        foreach (var investigation in _state.Investigations.All)
        {
            if (investigation.WasApproved && investigation.CaptureEnd + _closedGrace <= now && !_state.Investigations.OnLegalHold.Contains(investigation.Id))
            {
                var count = _captures.DeleteInvestigation(investigation.Id);
                if (count > 0)
                {
                    var closedDetails = JsonSerializer.Serialize(new { kind = InvestigationClosed, investigation = investigation.Id, count, graceDays = _closedGrace.TotalDays });
                    _state.Log.Append(new GovernanceEntry(Actor.SystemId, GovernanceAction.RecordsDeleted, Details: closedDetails));
                    closed += count;
                }
            }
        }

        var cutoff = now - _retention;
        var deleted = _captures.DeleteCapturedBefore(cutoff, _state.Investigations.OnLegalHold);
        if (deleted > 0)
        {
            var details = JsonSerializer.Serialize(new
            {
                kind = CapturedBefore,
                cutoff = cutoff.ToString("O", CultureInfo.InvariantCulture),
                count = deleted,
                retentionDays = _retention.TotalDays,
            });
            _state.Log.Append(new GovernanceEntry(Actor.SystemId, GovernanceAction.RecordsDeleted, Details: details));
        }

        return deleted + closed;
    }

    /// <summary>
    /// Runs every recorded deletion again (with today's legal holds), so records a restored backup brought back are
    /// gone before the first report is read; returns how many records that removed.
    /// </summary>
    public int Reapply()
    {
        DateTimeOffset? latest = null;
        var removed = 0;
        foreach (var record in _state.Log.Read(DateTimeOffset.UnixEpoch, _timeProvider.GetUtcNow().AddDays(1)))
        {
            if (record.Action != GovernanceAction.RecordsDeleted)
            {
                continue;
            }

            using var details = JsonDocument.Parse(record.Details);
            if (details.RootElement.TryGetProperty("kind", out var closedKind) && closedKind.GetString() == InvestigationClosed
                && details.RootElement.TryGetProperty("investigation", out var id) && id.TryGetGuid(out var investigation))
            {
                removed += _captures.DeleteInvestigation(investigation);
                continue;
            }

            if (details.RootElement.TryGetProperty("kind", out var kind) && kind.GetString() == CapturedBefore
                && details.RootElement.TryGetProperty("cutoff", out var cutoffText)
                && DateTimeOffset.TryParse(cutoffText.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var cutoff)
                && (latest is null || cutoff > latest))
            {
                latest = cutoff;
            }
        }

        return removed + (latest is { } last ? _captures.DeleteCapturedBefore(last, _state.Investigations.OnLegalHold) : 0);
    }
}
