namespace WebProxy.Policy.Investigations;

/// <summary>
/// A legal hold on one investigation's records (article 7.1: kept longer only for weighty reasons): while it is in
/// force the retention job does not delete them. Set and released by the municipal secretary, each with a reason.
/// </summary>
/// <param name="Reason">Why the records must be kept, in the secretary's words.</param>
/// <param name="SetBy">Who set it.</param>
/// <param name="SetAt">When it was set.</param>
public sealed record LegalHold(string Reason, string SetBy, DateTimeOffset SetAt)
{
    /// <summary>Who released it; null while it is in force.</summary>
    public string? ReleasedBy { get; init; }

    /// <summary>When it was released; null while it is in force.</summary>
    public DateTimeOffset? ReleasedAt { get; init; }

    /// <summary>Why it was released; null while it is in force.</summary>
    public string? ReleaseReason { get; init; }

    /// <summary>Whether the hold still keeps the records.</summary>
    public bool InForce => ReleasedAt is null;
}
