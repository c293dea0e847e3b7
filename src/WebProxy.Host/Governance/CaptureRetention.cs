using System.Globalization;
using System.Text.Json;
using WebProxy.Governance;
using WebProxy.Storage;

namespace WebProxy.Host.Governance;

/// <summary>
/// Deletes captured requests older than the retention (article 7.1: at most six months), and a closed
/// investigation's requests once its grace period has passed, except those of an investigation on legal hold, and
/// records each deletion in the governance log — the count and the cut-off, never the data. Because those records,
/// and those of erasures on a person's request (article 8), survive a restore of <c>investigations.db</c> from a
/// backup, <see cref="Reapply"/> runs them again before anything is served (article 7.2: data that had to be deleted
/// must not come back).
/// </summary>
internal sealed class CaptureRetention
{
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
    /// period; returns how many records went, by class.
    /// </summary>
    public RetentionDeletions Apply()
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
                    var closedDetails = JsonSerializer.Serialize(new { kind = DeletionKinds.InvestigationClosed, investigation = investigation.Id, count, graceDays = _closedGrace.TotalDays });
                    _state.Log.Append(new GovernanceEntry(Actor.SystemId, GovernanceAction.RecordsDeleted, Details: closedDetails));
                    closed += count;
                }
            }
        }

        var cutoff = now - _retention;
        var held = _state.Investigations.OnLegalHold;
        var deleted = _captures.DeleteCapturedBefore(cutoff, held);
        if (deleted > 0)
        {
            // The holds of the moment go into the record, so re-applying it never deletes what a hold kept then
            // and the secretary released later (that deletion is a run of its own, with its own record).
            var details = JsonSerializer.Serialize(new
            {
                kind = DeletionKinds.CapturedBefore,
                cutoff = cutoff.ToString("O", CultureInfo.InvariantCulture),
                count = deleted,
                retentionDays = _retention.TotalDays,
                keptOnLegalHold = held.Order().ToArray(),
            });
            _state.Log.Append(new GovernanceEntry(Actor.SystemId, GovernanceAction.RecordsDeleted, Details: details));
        }

        return new RetentionDeletions(CapturedRequests: deleted, ClosedInvestigationRequests: closed, Exemptions: 0);
    }

    /// <summary>
    /// Runs every recorded deletion and erasure again, each deletion with the legal holds it respected then, so
    /// records a restored backup brought back are gone before the first report is read. What that removes is recorded too (a count, kind
    /// <see cref="DeletionKinds.Reapplied"/>); returns how many records it removed.
    /// </summary>
    /// <param name="onRecord">The governance records to go by, oldest first (the others are skipped).</param>
    public int Reapply(IEnumerable<GovernanceRecord> onRecord)
    {
        // Per set of holds the latest cut-off covers all earlier ones with the same holds.
        var latestByHolds = new Dictionary<string, (DateTimeOffset Cutoff, IReadOnlySet<Guid> Kept)>(StringComparer.Ordinal);
        var removed = 0;
        foreach (var record in onRecord)
        {
            if (record.Action is not (GovernanceAction.RecordsDeleted or GovernanceAction.RightsRequestAnswered))
            {
                continue;
            }

            using var details = JsonDocument.Parse(record.Details);
            var root = details.RootElement;

            // An answer that erases names its investigations before the erasure is done: a crash in between, or a
            // backup from before it, is caught here.
            if (record.Action == GovernanceAction.RightsRequestAnswered)
            {
                if (root.TryGetProperty("erasedInvestigations", out var erased) && erased.ValueKind == JsonValueKind.Array)
                {
                    foreach (var erasedId in erased.EnumerateArray())
                    {
                        removed += erasedId.TryGetGuid(out var erasedInvestigation) ? _captures.DeleteInvestigation(erasedInvestigation) : 0;
                    }
                }

                continue;
            }

            var kind = root.TryGetProperty("kind", out var kindText) ? kindText.GetString() : null;

            // A closed investigation's deletion and an erasure both removed one investigation's requests.
            if (kind is DeletionKinds.InvestigationClosed or DeletionKinds.Erasure
                && root.TryGetProperty("investigation", out var id) && id.TryGetGuid(out var investigation))
            {
                removed += _captures.DeleteInvestigation(investigation);
            }
            else if (kind == DeletionKinds.CapturedBefore
                && root.TryGetProperty("cutoff", out var cutoffText)
                && DateTimeOffset.TryParse(cutoffText.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var cutoff))
            {
                var kept = KeptOnLegalHold(root);
                var key = string.Join(',', kept.Order());
                if (!latestByHolds.TryGetValue(key, out var latest) || cutoff > latest.Cutoff)
                {
                    latestByHolds[key] = (cutoff, kept);
                }
            }
        }

        foreach (var (cutoff, kept) in latestByHolds.Values)
        {
            // Only the holds of that run: records it deleted stay deleted, whatever hold was set since (article 7.2).
            removed += _captures.DeleteCapturedBefore(cutoff, kept);
        }

        if (removed > 0)
        {
            var details = JsonSerializer.Serialize(new { kind = DeletionKinds.Reapplied, count = removed });
            _state.Log.Append(new GovernanceEntry(Actor.SystemId, GovernanceAction.RecordsDeleted, Details: details));
        }

        return removed;
    }

    /// <summary>The investigations a recorded deletion left alone because they were on legal hold.</summary>
    private IReadOnlySet<Guid> KeptOnLegalHold(JsonElement details)
    {
        // Records written before holds were noted in them: today's holds are the best knowledge there is.
        if (!details.TryGetProperty("keptOnLegalHold", out var kept) || kept.ValueKind != JsonValueKind.Array)
        {
            return _state.Investigations.OnLegalHold;
        }

        return kept.EnumerateArray().Select(e => e.TryGetGuid(out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToHashSet();
    }
}
