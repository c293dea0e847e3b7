using WebProxy.Policy.Identity;
using WebProxy.Policy.Rules;

namespace WebProxy.Policy.Exemptions;

/// <summary>
/// Who may grant and revoke exemptions, and what a valid exemption looks like (issue 4, article 5.4). Pure: the
/// directory and the moment are passed in. Each check returns the first problem, or null when the action is allowed;
/// the checks of who acts come before the checks of the exemption's content, so a person who may not act learns
/// nothing about what else is wrong.
/// </summary>
public sealed class ExemptionRules
{
    /// <summary>Creates the rules.</summary>
    /// <exception cref="ArgumentException">A period or tolerance is negative, or the maximum period is zero.</exception>
    public ExemptionRules(ExemptionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.MaxPeriod <= TimeSpan.Zero)
        {
            throw new ArgumentException("The maximum exemption period must be positive.", nameof(settings));
        }

        if (settings.StartTolerance < TimeSpan.Zero)
        {
            throw new ArgumentException("The start tolerance must not be negative.", nameof(settings));
        }

        Settings = settings;
    }

    /// <summary>The settings.</summary>
    public ExemptionSettings Settings { get; }

    /// <summary>
    /// Whether <paramref name="exemption"/> may be granted as it stands:
    /// <list type="number">
    /// <item>The grantor is in the directory and has <see cref="Role.Manager"/> (before anything about the subject, so
    /// someone who may not grant at all cannot learn from the answers who exists).</item>
    /// <item>The subject is in the directory, and is not the grantor: nobody grants to themselves.</item>
    /// <item>The grantor is the subject's <em>direct</em> manager
    /// (<see cref="PersonDirectory.ManagerOf"/>). Managers higher up the line may revoke but not grant: the issue says
    /// "the subject's own manager", the one who knows the job and answers for the permission.</item>
    /// <item>At least one category, each a known <see cref="RegulationCategory"/>.</item>
    /// <item>The period and the reason, as for every exemption (see <see cref="ValidatePeriodAndReason"/>).</item>
    /// </list>
    /// </summary>
    public ExemptionProblem? ValidateGrant(ResearchExemption exemption, PersonDirectory directory, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(exemption);
        ArgumentNullException.ThrowIfNull(directory);
        if (ValidatePeople(exemption, directory, Role.Manager, "a manager; only the subject's own manager grants a research exemption") is { } problem)
        {
            return problem;
        }

        var grantor = directory.Find(exemption.GrantedBy)!;
        var manager = directory.ManagerOf(exemption.SubjectId);
        if (manager is null || !string.Equals(manager.Id, grantor.Id, StringComparison.Ordinal))
        {
            var actual = manager is null ? "has no manager" : $"is managed by '{manager.Id}'";
            return Forbidden("grantedBy", $"'{grantor.Id}' is not the direct manager of '{exemption.SubjectId}', who {actual}");
        }

        if (exemption.Categories is null || exemption.Categories.Count == 0)
        {
            return Invalid("categories", "at least one category is required");
        }

        foreach (var category in exemption.Categories)
        {
            if (!Enum.IsDefined(category))
            {
                return Invalid("categories", $"unknown category {(int)category}; known are {string.Join(", ", RegulationCategoryNames.All.Select(RegulationCategoryNames.Name))}");
            }
        }

        return ValidatePeriodAndReason(exemption, now);
    }

    /// <summary>
    /// Whether <paramref name="exemption"/> may be granted as it stands: the grantor is in the directory and has
    /// <see cref="Role.TechnicalArchitect"/> (the subject's place in the organisation does not matter), the subject is
    /// in the directory, nobody grants to themselves, the limit is positive or null for none, and the period and the
    /// reason are valid (see <see cref="ValidatePeriodAndReason"/>).
    /// </summary>
    public ExemptionProblem? ValidateGrant(SizeExemption exemption, PersonDirectory directory, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(exemption);
        ArgumentNullException.ThrowIfNull(directory);
        if (ValidatePeople(exemption, directory, Role.TechnicalArchitect, "a technical architect; only a technical architect grants a size exemption") is { } problem)
        {
            return problem;
        }

        if (exemption.MaxBytes is <= 0)
        {
            return Invalid("maxBytes", "the limit must be a positive number of bytes, or absent for no limit");
        }

        return ValidatePeriodAndReason(exemption, now);
    }

    /// <summary>
    /// Whether <paramref name="revokerId"/> may revoke <paramref name="exemption"/> at <paramref name="now"/>. Allowed
    /// for the grantor, any <see cref="Role.PrivacyOfficer"/>, and any <see cref="Role.Manager"/> in the subject's line
    /// of management (<see cref="PersonDirectory.IsInLineOf"/>) — the same rules for both kinds. Not for the subject
    /// (unless one of those). Refused once it is revoked or has ended (it has then expired by itself); an exemption
    /// that has not started yet may be revoked.
    /// <para>The grantor may revoke even after leaving the directory; everyone else must be in it.</para>
    /// </summary>
    public static ExemptionProblem? ValidateRevocation(Exemption exemption, string revokerId, PersonDirectory directory, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(exemption);
        ArgumentNullException.ThrowIfNull(directory);
        if (string.IsNullOrEmpty(revokerId))
        {
            return Invalid("revokedBy", "the person revoking is required");
        }

        var isGrantor = string.Equals(revokerId, exemption.GrantedBy, StringComparison.Ordinal);
        var revoker = directory.Find(revokerId);
        if (!isGrantor && revoker is null)
        {
            return Invalid("revokedBy", $"'{revokerId}' is not in the directory");
        }

        var allowed = isGrantor
            || revoker!.HasRole(Role.PrivacyOfficer)
            || (revoker.HasRole(Role.Manager) && directory.IsInLineOf(exemption.SubjectId, revokerId));
        if (!allowed)
        {
            return Forbidden("revokedBy",
                $"'{revokerId}' may not revoke this exemption: only the grantor, a privacy officer or a manager in the line of '{exemption.SubjectId}' may");
        }

        if (exemption.RevokedAt is { } revokedAt)
        {
            return Conflict("revokedAt", $"the exemption was already revoked at {revokedAt:O} by '{exemption.RevokedBy}'");
        }

        if (now >= exemption.End)
        {
            return Conflict("end", $"the exemption ended at {exemption.End:O}; it has expired by itself");
        }

        return null;
    }

    /// <summary>
    /// The rules every grant shares: a non-empty id; the end after the start; a period of at most
    /// <see cref="ExemptionSettings.MaxPeriod"/>; a start no more than <see cref="ExemptionSettings.StartTolerance"/>
    /// before <paramref name="now"/> (no back-dating) and an end after it; a reason that is not blank.
    /// </summary>
    public ExemptionProblem? ValidatePeriodAndReason(Exemption exemption, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(exemption);
        if (exemption.Id == Guid.Empty)
        {
            return Invalid("id", "the id must not be empty");
        }

        if (exemption.End <= exemption.Start)
        {
            return Invalid("end", $"the end ({exemption.End:O}) must be after the start ({exemption.Start:O})");
        }

        if (exemption.End - exemption.Start > Settings.MaxPeriod)
        {
            return Invalid("end", $"the period is {Durations.Describe(exemption.End - exemption.Start)}; the maximum is {Durations.Describe(Settings.MaxPeriod)}");
        }

        if (exemption.Start < now - Settings.StartTolerance)
        {
            return Invalid("start", $"the start ({exemption.Start:O}) lies in the past; an exemption cannot be back-dated");
        }

        if (exemption.End <= now)
        {
            return Invalid("end", $"the end ({exemption.End:O}) lies in the past");
        }

        if (string.IsNullOrWhiteSpace(exemption.Reason))
        {
            return Invalid("reason", "a reason is required");
        }

        return null;
    }

    /// <summary>The grantor first (in the directory, with the role), then the subject, then no self-grant.</summary>
    private static ExemptionProblem? ValidatePeople(Exemption exemption, PersonDirectory directory, Role grantorRole, string roleDescription)
    {
        if (string.IsNullOrEmpty(exemption.GrantedBy) || directory.Find(exemption.GrantedBy) is not { } grantor)
        {
            return Invalid("grantedBy", $"'{exemption.GrantedBy}' is not in the directory");
        }

        if (!grantor.HasRole(grantorRole))
        {
            return Forbidden("grantedBy", $"'{grantor.Id}' is not {roleDescription}");
        }

        if (string.IsNullOrEmpty(exemption.SubjectId) || directory.Find(exemption.SubjectId) is null)
        {
            return Invalid("subject", $"'{exemption.SubjectId}' is not in the directory");
        }

        if (string.Equals(exemption.SubjectId, exemption.GrantedBy, StringComparison.Ordinal))
        {
            return Forbidden("grantedBy", $"'{exemption.GrantedBy}' cannot grant an exemption to themselves");
        }

        return null;
    }

    private static ExemptionProblem Invalid(string field, string reason) => new(ExemptionProblemKind.Invalid, field, reason);

    private static ExemptionProblem Forbidden(string field, string reason) => new(ExemptionProblemKind.Forbidden, field, reason);

    private static ExemptionProblem Conflict(string field, string reason) => new(ExemptionProblemKind.Conflict, field, reason);
}
