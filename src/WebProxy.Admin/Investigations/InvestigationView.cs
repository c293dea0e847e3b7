using WebProxy.Policy.Investigations;

namespace WebProxy.Admin.Investigations;

/// <summary>
/// An investigation as the admin API shows it (issue 6), with the stable lower-case names of its kind, scope and state
/// (<see cref="InvestigationNames"/>) and whether it records now.
/// </summary>
/// <param name="Kind"><c>regular</c> (article 6.2) or <c>political-office-holder</c> (article 6.7).</param>
/// <param name="Scope"><c>traffic</c> or <c>content</c>.</param>
/// <param name="State"><c>requested</c>, <c>approved</c>, <c>refused</c> or <c>withdrawn</c>.</param>
/// <param name="Recording">Whether the subject's requests are being recorded at the time of the answer.</param>
/// <param name="CaptureStart">When recording starts (the later of the start and the approval); null unless approved.</param>
/// <param name="CaptureEnd">When recording stops (the earlier of the end and a withdrawal); null unless approved.</param>
/// <param name="RecordsBlockedAt">Since when its records are blocked at the subject's request (article 8); else null.</param>
public sealed record InvestigationView(
    Guid Id,
    string Subject,
    string Kind,
    string Purpose,
    string LegalGround,
    string Scope,
    DateTimeOffset Start,
    DateTimeOffset End,
    IReadOnlyList<string> Readers,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    string State,
    bool Recording,
    DateTimeOffset? CaptureStart,
    DateTimeOffset? CaptureEnd,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? RefusalReason,
    bool DeferDisclosure,
    string? WithdrawnBy,
    DateTimeOffset? WithdrawnAt,
    string? WithdrawalReason,
    LegalHoldView? LegalHold,
    DateTimeOffset? RecordsBlockedAt)
{
    public static InvestigationView Of(Investigation investigation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(investigation);
        return new InvestigationView(
            investigation.Id,
            investigation.SubjectId,
            InvestigationNames.Name(investigation.Kind),
            investigation.Purpose,
            investigation.LegalGround,
            InvestigationNames.Name(investigation.Scope),
            investigation.Start,
            investigation.End,
            investigation.Readers,
            investigation.RequestedBy,
            investigation.RequestedAt,
            InvestigationNames.Name(investigation.State),
            InvestigationSet.IsCapturing(investigation, now),
            investigation.CaptureStart,
            investigation.WasApproved ? investigation.CaptureEnd : null,
            investigation.DecidedBy,
            investigation.DecidedAt,
            investigation.RefusalReason,
            investigation.DeferDisclosure,
            investigation.WithdrawnBy,
            investigation.WithdrawnAt,
            investigation.WithdrawalReason,
            investigation.LegalHold is { } hold ? LegalHoldView.Of(hold) : null,
            investigation.Block?.BlockedAt);
    }
}

/// <summary>The latest legal hold on an investigation's records, in force or released.</summary>
/// <param name="InForce">Whether the hold keeps the records now.</param>
public sealed record LegalHoldView(
    bool InForce,
    string Reason,
    string SetBy,
    DateTimeOffset SetAt,
    string? ReleasedBy,
    DateTimeOffset? ReleasedAt,
    string? ReleaseReason)
{
    public static LegalHoldView Of(LegalHold hold)
    {
        ArgumentNullException.ThrowIfNull(hold);
        return new LegalHoldView(hold.InForce, hold.Reason, hold.SetBy, hold.SetAt, hold.ReleasedBy, hold.ReleasedAt, hold.ReleaseReason);
    }
}
