namespace WebProxy.Storage;

/// <summary>
/// A person's request to correct, complete, delete or block data held about them (article 8 of the regulation), and
/// its answer once a privacy officer gave one. Plain data; <see cref="RightsRequestStore"/> keeps it.
/// </summary>
/// <param name="Id">The request's id.</param>
/// <param name="PersonId">Who filed it: the person the data is about.</param>
/// <param name="Kind">What they ask for.</param>
/// <param name="Text">What they ask, in their own words.</param>
/// <param name="FiledAt">When it was filed.</param>
/// <param name="DueAt">When the answer is due (four weeks after filing).</param>
public sealed record RightsRequest(Guid Id, string PersonId, RightsRequestKind Kind, string Text, DateTimeOffset FiledAt, DateTimeOffset DueAt)
{
    /// <summary>The privacy officer who answered it; null while open.</summary>
    public string? AnsweredBy { get; init; }

    /// <summary>When it was answered; null while open.</summary>
    public DateTimeOffset? AnsweredAt { get; init; }

    /// <summary>Granted or refused; null while open.</summary>
    public RightsRequestOutcome? Outcome { get; init; }

    /// <summary>What was done (granted) or the reasons (refused); null while open.</summary>
    public string? Answer { get; init; }

    /// <summary>Whether a privacy officer answered it.</summary>
    public bool IsAnswered => AnsweredAt is not null;

    /// <summary>Whether it is still unanswered at <paramref name="now"/> while its due date has come (from <see cref="DueAt"/> on).</summary>
    public bool IsOverdue(DateTimeOffset now) => !IsAnswered && now >= DueAt;

    /// <summary>Only the id: a request logged by accident does not leak its text.</summary>
    public override string ToString() => $"RightsRequest {{ Id = {Id} }}";
}
