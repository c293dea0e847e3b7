namespace WebProxy.Storage;

/// <summary>One record as stored in the governance log.</summary>
/// <param name="Sequence">1 for the first record, then one more for each.</param>
/// <param name="RecordedAt">When the log recorded it (UTC, from the injected clock).</param>
/// <param name="Actor">Who did it.</param>
/// <param name="Action">What was done.</param>
/// <param name="Subject">Whom it concerns, when anyone.</param>
/// <param name="Details">The JSON particulars, exactly as stored.</param>
/// <param name="Purpose">The stated purpose, when any.</param>
/// <param name="PreviousHash">The previous record's hash (64 zeros for the first record), lower-case hex.</param>
/// <param name="Hash">This record's hash, lower-case hex; see <see cref="GovernanceHash"/>.</param>
public sealed record GovernanceRecord(
    long Sequence,
    DateTimeOffset RecordedAt,
    string Actor,
    GovernanceAction Action,
    string? Subject,
    string Details,
    string? Purpose,
    string PreviousHash,
    string Hash);
