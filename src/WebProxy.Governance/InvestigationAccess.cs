using WebProxy.Policy.Identity;
using WebProxy.Policy.Investigations;

namespace WebProxy.Governance;

/// <summary>
/// Who may know that an investigation exists (its subject, purpose, period, readers), in the manner of
/// <see cref="AdminAccess"/>: anyone else is answered "not found". Reading its <em>report</em> (the recorded requests)
/// is narrower still: the named readers only (<see cref="InvestigationRules.ValidateRead(Investigation, string, PersonDirectory, DateTimeOffset)"/>).
/// </summary>
public static class InvestigationAccess
{
    /// <summary>
    /// Seeing an investigation: its requester, its decider, its named readers; any municipal secretary (who approves
    /// and sets legal holds); the mayor for one of a political office holder (article 6.7); the privacy officer, who
    /// supervises; and its subject once it is disclosed to them (<see cref="InvestigationRules.IsDisclosedToSubject"/>).
    /// </summary>
    public static bool CanSee(Person actor, Investigation investigation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(investigation);
        if (IsSelf(actor, investigation.SubjectId))
        {
            return InvestigationRules.IsDisclosedToSubject(investigation, now);
        }

        return IsSelf(actor, investigation.RequestedBy)
            || (investigation.DecidedBy is { } decider && IsSelf(actor, decider))
            || investigation.Readers.Contains(actor.Id, StringComparer.Ordinal)
            || actor.HasRole(Role.MunicipalSecretary)
            || (actor.HasRole(Role.Mayor) && investigation.Kind == InvestigationKind.PoliticalOfficeHolder)
            || actor.HasRole(Role.PrivacyOfficer);
    }

    private static bool IsSelf(Person actor, string personId) => string.Equals(actor.Id, personId, StringComparison.Ordinal);
}
