namespace WebProxy.Policy.Investigations;

/// <summary>
/// The subject's records of one investigation are blocked on their granted request (article 8): kept until their
/// retention ends, shown to the subject, but no longer provided to the readers (article 7.2's "no longer provided").
/// A block is not lifted: the data it covers goes at the end of its retention.
/// </summary>
/// <param name="RequestId">The rights request it grants.</param>
/// <param name="BlockedBy">The privacy officer who granted it.</param>
/// <param name="BlockedAt">When.</param>
public sealed record RecordsBlock(Guid RequestId, string BlockedBy, DateTimeOffset BlockedAt);
