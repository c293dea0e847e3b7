using WebProxy.Policy.Exemptions;
using WebProxy.Policy.Identity;

namespace WebProxy.Governance;

/// <summary>
/// Who may see and do what on the admin port (issue 4; article 4.3: personal data only for a stated purpose and only
/// for those who need it). Pure: the directory is passed in. The README's authorisation table is this class in words;
/// the authorisation matrix test checks every role against every endpoint.
/// </summary>
public static class AdminAccess
{
    /// <summary>
    /// Seeing a person's entry (name, manager, roles): the person, IT (who maintains the directory), the privacy
    /// officer, a technical architect (who grants size exemptions to anyone), and the managers in the person's line.
    /// </summary>
    public static bool CanSeePerson(Person actor, Person person, PersonDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(directory);
        return IsSelf(actor, person.Id)
            || actor.HasRole(Role.It)
            || actor.HasRole(Role.PrivacyOfficer)
            || actor.HasRole(Role.TechnicalArchitect)
            || (actor.HasRole(Role.Manager) && directory.IsInLineOf(person.Id, actor.Id));
    }

    /// <summary>
    /// Seeing a person's article-6.6 roles (works council, confidential adviser, ...): the person, IT and the privacy
    /// officer only. Managers see their team without them: the roles exist to keep those people out of control, and
    /// knowing who holds them is itself sensitive.
    /// </summary>
    public static bool CanSeeProtectedRoles(Person actor, Person person)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(person);
        return IsSelf(actor, person.Id) || actor.HasRole(Role.It) || actor.HasRole(Role.PrivacyOfficer);
    }

    /// <summary>Adding, changing and removing people, and setting passwords: IT only.</summary>
    public static bool CanEditDirectory(Person actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.HasRole(Role.It);
    }

    /// <summary>
    /// Seeing an exemption: its subject, its grantor, the privacy officer, the managers in the subject's line, and a
    /// technical architect for size exemptions (they grant and answer for them).
    /// </summary>
    public static bool CanSeeExemption(Person actor, Exemption exemption, PersonDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(exemption);
        ArgumentNullException.ThrowIfNull(directory);
        return IsSelf(actor, exemption.SubjectId)
            || IsSelf(actor, exemption.GrantedBy)
            || actor.HasRole(Role.PrivacyOfficer)
            || (actor.HasRole(Role.Manager) && directory.IsInLineOf(exemption.SubjectId, actor.Id))
            || (actor.HasRole(Role.TechnicalArchitect) && exemption is SizeExemption);
    }

    /// <summary>
    /// Reading the governance log: the privacy officer, the municipal secretary and the security officer, who
    /// supervise how control is exercised. Records about a person with an article-6.6 role: the privacy officer
    /// only.
    /// </summary>
    public static bool CanReadLog(Person actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.HasRole(Role.PrivacyOfficer) || actor.HasRole(Role.MunicipalSecretary) || actor.HasRole(Role.SecurityOfficer);
    }

    /// <summary>
    /// Whether <paramref name="actor"/>, who may read the log, may read records about the person with id
    /// <paramref name="subjectId"/> (null: records about nobody in particular). Someone no longer in the directory
    /// may have held a protected role, so records about them are for the privacy officer only.
    /// </summary>
    public static bool CanReadLogAbout(Person actor, string? subjectId, PersonDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(directory);
        if (!CanReadLog(actor))
        {
            return false;
        }

        if (subjectId is null || actor.HasRole(Role.PrivacyOfficer))
        {
            return true;
        }

        return directory.Find(subjectId) is { ProtectedRoles: ProtectedRole.None };
    }

    /// <summary>
    /// Checking the log's chain (no personal data in the answer): those who read it, and IT, who keep the head
    /// outside the database.
    /// </summary>
    public static bool CanVerifyLog(Person actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return CanReadLog(actor) || actor.HasRole(Role.It);
    }

    private static bool IsSelf(Person actor, string personId) => string.Equals(actor.Id, personId, StringComparison.Ordinal);
}
