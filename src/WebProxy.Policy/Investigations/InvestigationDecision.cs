namespace WebProxy.Policy.Investigations;

/// <summary>The approver's decision on a requested investigation, as the store writes it.</summary>
/// <param name="Approved">True to approve, false to refuse.</param>
/// <param name="DecidedBy">The approver's id.</param>
/// <param name="DecidedAt">When.</param>
/// <param name="DeferDisclosure">For an approval: whether the subject learns of it only after it ended (article 8).</param>
/// <param name="RefusalReason">For a refusal: why, in words that never name the subject.</param>
public sealed record InvestigationDecision(bool Approved, string DecidedBy, DateTimeOffset DecidedAt, bool DeferDisclosure, string? RefusalReason)
{
    /// <summary>An approval.</summary>
    public static InvestigationDecision Approval(string decidedBy, DateTimeOffset decidedAt, bool deferDisclosure) =>
        new(true, decidedBy, decidedAt, deferDisclosure, null);

    /// <summary>A refusal, with its reason.</summary>
    public static InvestigationDecision Refusal(string decidedBy, DateTimeOffset decidedAt, string reason) =>
        new(false, decidedBy, decidedAt, false, reason);
}
