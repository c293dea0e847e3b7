namespace WebProxy.Policy.Exemptions;

/// <summary>
/// A named, time-boxed exemption granted to one person (issue 4, article 5.4). Plain data: <see cref="ExemptionRules"/>
/// decides whether a grant or a revocation is allowed, <see cref="ExemptionSet"/> whether it applies at a moment.
/// The window is half-open: the exemption applies from <see cref="Start"/> (inclusive) until the earlier of
/// <see cref="End"/> and <see cref="RevokedAt"/> (exclusive).
/// </summary>
public abstract record Exemption
{
    /// <summary>The exemption's id, never <see cref="Guid.Empty"/>.</summary>
    public required Guid Id { get; init; }

    /// <summary>The id of the person the exemption applies to (a <see cref="Identity.PersonDirectory"/> id).</summary>
    public required string SubjectId { get; init; }

    /// <summary>The id of the person who granted it.</summary>
    public required string GrantedBy { get; init; }

    /// <summary>When it starts to apply (inclusive).</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>When it stops applying by itself (exclusive).</summary>
    public required DateTimeOffset End { get; init; }

    /// <summary>Why it was granted, in the grantor's words (the stated purpose, article 4.3).</summary>
    public required string Reason { get; init; }

    /// <summary>When it was revoked; null while it is not.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>The id of the person who revoked it; null while it is not revoked.</summary>
    public string? RevokedBy { get; init; }

    /// <summary>
    /// Whether the governance log already holds the 'expired' record of this exemption, so
    /// <see cref="ExemptionSet.Expired"/> does not report it again.
    /// </summary>
    public bool ExpiryRecorded { get; init; }

    /// <summary>Whether the exemption has been revoked (at any time).</summary>
    public bool IsRevoked => RevokedAt is not null;

    /// <summary>When it stops applying: the earlier of <see cref="End"/> and <see cref="RevokedAt"/>.</summary>
    public DateTimeOffset EffectiveEnd => RevokedAt is { } revoked && revoked < End ? revoked : End;
}
