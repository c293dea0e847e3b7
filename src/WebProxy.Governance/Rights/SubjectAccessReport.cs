using WebProxy.Policy.Identity;
using WebProxy.Policy.Investigations;
using WebProxy.Storage;

namespace WebProxy.Governance.Rights;

/// <summary>
/// Everything held about one person, for that person (article 8): their directory entry, their exemptions, the
/// investigations that named them once disclosed to them and the records captured under those, their rights requests,
/// and every governance record about them — who read their data, when and why.
/// </summary>
/// <param name="ProducedAt">When the overview was put together.</param>
/// <param name="Person">The directory entry, protected roles included (it is theirs).</param>
/// <param name="Exemptions">Every exemption granted to them, ended and revoked ones included.</param>
/// <param name="Investigations">
/// The investigations that named them and are disclosed to them (<see cref="InvestigationRules.IsDisclosedToSubject"/>);
/// one awaiting a decision, or approved with disclosure deferred until it ended, is not here yet.
/// </param>
/// <param name="RightsRequests">The rights requests they filed, with the answers.</param>
/// <param name="GovernanceLog">
/// Every governance record about them, oldest first, except those that would reveal an investigation not yet
/// disclosed to them (they appear once it is).
/// </param>
public sealed record SubjectAccessReport(
    DateTimeOffset ProducedAt,
    PersonView Person,
    IReadOnlyList<ExemptionView> Exemptions,
    IReadOnlyList<SubjectInvestigationView> Investigations,
    IReadOnlyList<RightsRequestView> RightsRequests,
    IReadOnlyList<SubjectLogEntry> GovernanceLog);

/// <summary>An investigation as its subject sees it, with the records captured about them under it.</summary>
/// <param name="State"><c>requested</c>, <c>approved</c>, <c>refused</c> or <c>withdrawn</c>.</param>
/// <param name="LegalHoldReason">Why the records are kept longer, while a legal hold is in force; else null.</param>
/// <param name="RecordsBlockedAt">Since when the records are blocked at their request (no longer provided to the readers); else null.</param>
/// <param name="Records">Every request recorded about them under it, oldest first (none unless it was approved).</param>
public sealed record SubjectInvestigationView(
    Guid Id,
    string Kind,
    string Scope,
    string State,
    string Purpose,
    string LegalGround,
    DateTimeOffset Start,
    DateTimeOffset End,
    IReadOnlyList<string> Readers,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? RefusalReason,
    string? WithdrawnBy,
    DateTimeOffset? WithdrawnAt,
    string? WithdrawalReason,
    string? LegalHoldReason,
    DateTimeOffset? RecordsBlockedAt,
    IReadOnlyList<CapturedRequest> Records)
{
    public static SubjectInvestigationView Of(Investigation investigation, IReadOnlyList<CapturedRequest> records)
    {
        ArgumentNullException.ThrowIfNull(investigation);
        ArgumentNullException.ThrowIfNull(records);
        return new SubjectInvestigationView(
            investigation.Id,
            InvestigationNames.Name(investigation.Kind),
            InvestigationNames.Name(investigation.Scope),
            InvestigationNames.Name(investigation.State),
            investigation.Purpose,
            investigation.LegalGround,
            investigation.Start,
            investigation.End,
            investigation.Readers,
            investigation.RequestedBy,
            investigation.RequestedAt,
            investigation.DecidedBy,
            investigation.DecidedAt,
            investigation.RefusalReason,
            investigation.WithdrawnBy,
            investigation.WithdrawnAt,
            investigation.WithdrawalReason,
            investigation.LegalHold is { InForce: true } hold ? hold.Reason : null,
            investigation.Block?.BlockedAt,
            records);
    }
}

/// <summary>One governance record about the person: who did what, when, and with what stated purpose.</summary>
/// <param name="Actor">Who did it: a person's id, or <c>system</c>.</param>
/// <param name="ActorName">The actor's display name while they are in the directory; else null.</param>
/// <param name="Action">The stored name, e.g. <c>personal_data_read</c>.</param>
/// <param name="Details">The record's JSON particulars, as stored.</param>
public sealed record SubjectLogEntry(
    long Sequence,
    DateTimeOffset RecordedAt,
    string Actor,
    string? ActorName,
    string Action,
    string? Purpose,
    string Details)
{
    public static SubjectLogEntry Of(GovernanceRecord record, PersonDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(directory);
        return new SubjectLogEntry(
            record.Sequence,
            record.RecordedAt,
            record.Actor,
            directory.Find(record.Actor)?.DisplayName,
            GovernanceActionNames.ToName(record.Action),
            record.Purpose,
            record.Details);
    }
}
