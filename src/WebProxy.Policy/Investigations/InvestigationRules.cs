using WebProxy.Policy.Identity;

namespace WebProxy.Policy.Investigations;

/// <summary>
/// Who may request, approve, refuse, withdraw, read and hold investigations, and what a valid one looks like (issue 6;
/// articles 6.2, 6.3, 6.6, 6.7, 7.1). Pure: the directory and the moment are passed in. Each check returns the first
/// problem, or null when the action is allowed. As in <see cref="Exemptions.ExemptionRules"/>, who acts is checked
/// before anything about the subject, so someone who may not act learns nothing (not even who holds a protected role).
/// </summary>
/// <remarks>
/// <para>Article 6.6: a subject with any protected role other than political office holder is refused, at the request
/// and again at the approval (the directory may have changed in between). The reason never contains the subject's id
/// or name, because it is written to the governance log; <see cref="InvestigationProblem.IsProtectedSubject"/> tells
/// the caller to record the refusal without the subject.</para>
/// <para>Article 6.7: a political office holder may be investigated only on the mayor's approval, and only the mayor
/// reads the report, so every reader must hold <see cref="Role.Mayor"/>. Content scope (article 6.3) needs the
/// municipal secretary's prior approval as well; this version models one approver per investigation, so a content
/// scope is refused for a political office holder (traffic data only).</para>
/// </remarks>
public sealed class InvestigationRules
{
    /// <summary>The article-6.6 roles that exclude a person from investigation: all but political office holder (6.7).</summary>
    public static readonly ProtectedRole ExcludedRoles =
        ProtectedRoleNames.All.Where(r => r != ProtectedRole.PoliticalOfficeHolder).Aggregate(ProtectedRole.None, (a, r) => a | r);

    /// <summary>The reason given for a subject protected by article 6.6; it names neither the person nor the role.</summary>
    public const string ProtectedSubjectReason =
        "the subject holds a role protected by article 6.6 of the regulation (works council, GO, mediator, company doctor " +
        "or another confidential role) and is excluded from monitoring; no investigation may name them";

    /// <summary>Creates the rules.</summary>
    /// <exception cref="ArgumentException">The maximum period is not positive, or the start tolerance is negative.</exception>
    public InvestigationRules(InvestigationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.MaxPeriod <= TimeSpan.Zero)
        {
            throw new ArgumentException("The maximum investigation period must be positive.", nameof(settings));
        }

        if (settings.StartTolerance < TimeSpan.Zero)
        {
            throw new ArgumentException("The start tolerance must not be negative.", nameof(settings));
        }

        Settings = settings;
    }

    /// <summary>The settings.</summary>
    public InvestigationSettings Settings { get; }

    /// <summary>Whether <paramref name="person"/> holds a role that excludes them from every investigation (article 6.6).</summary>
    public static bool IsExcluded(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return (person.ProtectedRoles & ExcludedRoles) != 0;
    }

    /// <summary>The kind an investigation of <paramref name="subject"/> must be: article 6.7 for a political office holder.</summary>
    public static InvestigationKind KindFor(Person subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return subject.HasProtectedRole(ProtectedRole.PoliticalOfficeHolder) ? InvestigationKind.PoliticalOfficeHolder : InvestigationKind.Regular;
    }

    /// <summary>
    /// Whether <paramref name="investigation"/> may be requested as it stands:
    /// <list type="number">
    /// <item>The requester is in the directory and has <see cref="Role.Manager"/> or <see cref="Role.SecurityOfficer"/>.</item>
    /// <item>The subject is in the directory and is not the requester.</item>
    /// <item>The subject holds no article-6.6 role other than political office holder (refused without naming them).</item>
    /// <item>The kind matches the subject (<see cref="KindFor"/>).</item>
    /// <item>A non-empty id, a known scope; for a political office holder traffic scope only.</item>
    /// <item>A period that ends after it starts, is at most <see cref="InvestigationSettings.MaxPeriod"/>, is not
    /// back-dated and has not ended.</item>
    /// <item>A purpose and a legal ground that are not blank.</item>
    /// <item>At least one reader, each in the directory, none twice, not the subject; for a political office holder
    /// every reader is a mayor.</item>
    /// </list>
    /// </summary>
    public InvestigationProblem? ValidateRequest(Investigation investigation, PersonDirectory directory, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(investigation);
        ArgumentNullException.ThrowIfNull(directory);
        if (string.IsNullOrEmpty(investigation.RequestedBy) || directory.Find(investigation.RequestedBy) is not { } requester)
        {
            return Invalid("requestedBy", $"'{investigation.RequestedBy}' is not in the directory");
        }

        if (!requester.HasRole(Role.Manager) && !requester.HasRole(Role.SecurityOfficer))
        {
            return Forbidden("requestedBy", $"'{requester.Id}' is not a manager or a security officer; only they request investigations");
        }

        if (ValidateSubject(investigation, directory, "subject") is { } subjectProblem)
        {
            return subjectProblem;
        }

        if (string.Equals(investigation.SubjectId, investigation.RequestedBy, StringComparison.Ordinal))
        {
            return Forbidden("subject", "nobody requests an investigation into themselves");
        }

        var subject = directory.Find(investigation.SubjectId)!;
        if (investigation.Kind != KindFor(subject))
        {
            return Invalid("kind", $"an investigation of this subject is of kind '{InvestigationNames.Name(KindFor(subject))}'");
        }

        if (investigation.Id == Guid.Empty)
        {
            return Invalid("id", "the id must not be empty");
        }

        if (!Enum.IsDefined(investigation.Scope))
        {
            return Invalid("scope", $"unknown scope {(int)investigation.Scope}; known are {string.Join(", ", InvestigationNames.ScopeNames)}");
        }

        if (investigation.Kind == InvestigationKind.PoliticalOfficeHolder && investigation.Scope == InvestigationScope.Content)
        {
            return Forbidden("scope",
                "an investigation of a political office holder (article 6.7) is approved by the mayor alone, while content " +
                "(full URLs) needs the municipal secretary's prior approval (article 6.3); request the traffic scope");
        }

        if (ValidatePeriod(investigation, now) is { } periodProblem)
        {
            return periodProblem;
        }

        if (string.IsNullOrWhiteSpace(investigation.Purpose))
        {
            return Invalid("purpose", "a purpose is required: the suspicion the investigation looks into (article 6.2)");
        }

        if (string.IsNullOrWhiteSpace(investigation.LegalGround))
        {
            return Invalid("legalGround", "a legal ground is required");
        }

        return ValidateReaders(investigation, directory);
    }

    /// <summary>
    /// Whether <paramref name="approverId"/> may approve <paramref name="investigation"/> at <paramref name="now"/>:
    /// <list type="number">
    /// <item>The approver is in the directory and holds the approving role: <see cref="Role.Mayor"/> for a political
    /// office holder (article 6.7), else <see cref="Role.MunicipalSecretary"/> (a content scope says so: article 6.3).</item>
    /// <item>The approver is neither the requester nor the subject.</item>
    /// <item>It is still requested, and its period has not ended.</item>
    /// <item>The subject is still in the directory, holds no article-6.6 role (refused without naming them), and is
    /// still of the kind requested; the readers still qualify.</item>
    /// </list>
    /// </summary>
    public static InvestigationProblem? ValidateApproval(Investigation investigation, string approverId, PersonDirectory directory, DateTimeOffset now)
    {
        if (ValidateDecider(investigation, approverId, directory, approving: true) is { } problem)
        {
            return problem;
        }

        if (investigation.End <= now)
        {
            return Conflict("end", $"the period ended at {investigation.End:O}; request a new investigation");
        }

        if (ValidateSubject(investigation, directory, "subject") is { } subjectProblem)
        {
            return subjectProblem.Kind == InvestigationProblemKind.Invalid
                ? Conflict("subject", "the subject is no longer in the directory")
                : subjectProblem;
        }

        var subject = directory.Find(investigation.SubjectId)!;
        if (investigation.Kind != KindFor(subject))
        {
            return Conflict("kind",
                $"the subject's protected roles changed since the request; an investigation of them is now of kind '{InvestigationNames.Name(KindFor(subject))}'; request anew");
        }

        return ValidateReaders(investigation, directory);
    }

    /// <summary>
    /// Whether <paramref name="refuserId"/> may refuse <paramref name="investigation"/>: the same person who could
    /// approve it (see <see cref="ValidateApproval"/>), while it is requested, with a reason that is not blank.
    /// </summary>
    public static InvestigationProblem? ValidateRefusal(Investigation investigation, string refuserId, string? reason, PersonDirectory directory)
    {
        if (ValidateDecider(investigation, refuserId, directory, approving: false) is { } problem)
        {
            return problem;
        }

        return string.IsNullOrWhiteSpace(reason) ? Invalid("reason", "a refusal needs a reason") : null;
    }

    /// <summary>
    /// Whether <paramref name="actorId"/> may withdraw <paramref name="investigation"/> at <paramref name="now"/>: the
    /// requester, or whoever holds the approving role (the municipal secretary, or the mayor for article 6.7), while it
    /// is requested, or approved and not yet ended. Withdrawing an approved investigation stops the recording at once.
    /// </summary>
    public static InvestigationProblem? ValidateWithdrawal(Investigation investigation, string actorId, PersonDirectory directory, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(investigation);
        ArgumentNullException.ThrowIfNull(directory);
        if (string.IsNullOrEmpty(actorId))
        {
            return Invalid("withdrawnBy", "the person withdrawing is required");
        }

        var isRequester = string.Equals(actorId, investigation.RequestedBy, StringComparison.Ordinal);
        var actor = directory.Find(actorId);
        if (!isRequester && (actor is null || !actor.HasRole(ApprovingRole(investigation))))
        {
            return Forbidden("withdrawnBy",
                $"'{actorId}' may not withdraw this investigation: only the requester or the {RoleNames.Name(ApprovingRole(investigation))} may");
        }

        return investigation.State switch
        {
            InvestigationState.Requested => null,
            InvestigationState.Approved when now < investigation.End => null,
            InvestigationState.Approved => Conflict("end", $"the investigation ended at {investigation.End:O}; it stopped by itself"),
            _ => Conflict("state", $"the investigation is {InvestigationNames.Name(investigation.State)}"),
        };
    }

    /// <summary>
    /// Whether <paramref name="readerId"/> may read the report of <paramref name="investigation"/> at
    /// <paramref name="now"/>: only a reader named on it (for a political office holder those are the mayor), and only
    /// once it was approved (during the period and after it, until retention deleted the records).
    /// </summary>
    public static InvestigationProblem? ValidateRead(Investigation investigation, string readerId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(investigation);
        if (string.IsNullOrEmpty(readerId) || !investigation.Readers.Contains(readerId, StringComparer.Ordinal))
        {
            return Forbidden("reader", $"'{readerId}' is not named as a reader of this investigation; only the named readers read its report");
        }

        if (!investigation.WasApproved || investigation.DecidedAt is not { } approvedAt)
        {
            return Conflict("state", $"the investigation is {InvestigationNames.Name(investigation.State)}; a report exists only once it is approved");
        }

        if (now < approvedAt)
        {
            return Conflict("state", $"the investigation was approved only at {approvedAt:O}");
        }

        // Article 8 with 7.2: blocked data is kept until its retention ends but no longer provided to anyone but the subject.
        return investigation.Block is { } block
            ? Conflict("state", $"its records are blocked at the subject's request since {block.BlockedAt:O} (article 8); they are kept until their retention ends but no longer provided")
            : null;
    }

    /// <summary>
    /// <see cref="ValidateRead(Investigation, string, DateTimeOffset)"/>, and the reader is still in the directory; for
    /// a political office holder the reader still holds <see cref="Role.Mayor"/> (a mayor who left office no longer
    /// reads the report).
    /// </summary>
    public static InvestigationProblem? ValidateRead(Investigation investigation, string readerId, PersonDirectory directory, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (ValidateRead(investigation, readerId, now) is { } problem)
        {
            return problem;
        }

        if (directory.Find(readerId) is not { } reader)
        {
            return Forbidden("reader", $"'{readerId}' is not in the directory");
        }

        return investigation.Kind == InvestigationKind.PoliticalOfficeHolder && !reader.HasRole(Role.Mayor)
            ? Forbidden("reader", "only the mayor reads the report of an investigation of a political office holder (article 6.7)")
            : null;
    }

    /// <summary>
    /// Whether <paramref name="actorId"/> may put <paramref name="investigation"/>'s records on legal hold: a
    /// <see cref="Role.MunicipalSecretary"/>, with a reason, on an investigation that was approved (only those have
    /// records) and is not on hold already.
    /// </summary>
    public static InvestigationProblem? ValidateLegalHold(Investigation investigation, string actorId, string? reason, PersonDirectory directory)
    {
        if (ValidateSecretary(investigation, actorId, directory) is { } problem)
        {
            return problem;
        }

        if (!investigation.WasApproved)
        {
            return Conflict("state", $"the investigation is {InvestigationNames.Name(investigation.State)}; it has no records to keep");
        }

        if (investigation.LegalHold is { InForce: true } hold)
        {
            return Conflict("legalHold", $"the records are on legal hold since {hold.SetAt:O} by '{hold.SetBy}'");
        }

        return string.IsNullOrWhiteSpace(reason) ? Invalid("reason", "a legal hold needs a reason: the weighty reason to keep the records (article 7.1)") : null;
    }

    /// <summary>
    /// Whether <paramref name="actorId"/> may release the legal hold on <paramref name="investigation"/>: a
    /// <see cref="Role.MunicipalSecretary"/>, with a reason, while a hold is in force.
    /// </summary>
    public static InvestigationProblem? ValidateLegalHoldRelease(Investigation investigation, string actorId, string? reason, PersonDirectory directory)
    {
        if (ValidateSecretary(investigation, actorId, directory) is { } problem)
        {
            return problem;
        }

        if (!investigation.IsOnLegalHold)
        {
            return Conflict("legalHold", "the records are not on legal hold");
        }

        return string.IsNullOrWhiteSpace(reason) ? Invalid("reason", "releasing a legal hold needs a reason") : null;
    }

    /// <summary>
    /// Whether the subject may see <paramref name="investigation"/> in their own overview (article 8) at
    /// <paramref name="now"/>: once refused or withdrawn; once approved, unless the approver deferred disclosure, in
    /// which case once recording ended. Not while it awaits a decision.
    /// </summary>
    public static bool IsDisclosedToSubject(Investigation investigation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(investigation);
        return investigation.State switch
        {
            InvestigationState.Requested => false,
            InvestigationState.Approved => !investigation.DeferDisclosure || now >= investigation.CaptureEnd,
            _ => true,
        };
    }

    /// <summary>The role that approves an investigation: the mayor for article 6.7, else the municipal secretary.</summary>
    public static Role ApprovingRole(Investigation investigation)
    {
        ArgumentNullException.ThrowIfNull(investigation);
        return investigation.Kind == InvestigationKind.PoliticalOfficeHolder ? Role.Mayor : Role.MunicipalSecretary;
    }

    /// <summary>The period on its own: end after start, at most the maximum, not back-dated, not ended.</summary>
    private InvestigationProblem? ValidatePeriod(Investigation investigation, DateTimeOffset now)
    {
        if (investigation.End <= investigation.Start)
        {
            return Invalid("end", $"the end ({investigation.End:O}) must be after the start ({investigation.Start:O})");
        }

        if (investigation.End - investigation.Start > Settings.MaxPeriod)
        {
            return Invalid("end",
                $"the period is {Durations.Describe(investigation.End - investigation.Start)}; the maximum is {Durations.Describe(Settings.MaxPeriod)} (article 6.2: a fixed, short period)");
        }

        if (investigation.Start < now - Settings.StartTolerance)
        {
            return Invalid("start", $"the start ({investigation.Start:O}) lies in the past; an investigation cannot be back-dated");
        }

        return investigation.End <= now ? Invalid("end", $"the end ({investigation.End:O}) lies in the past") : null;
    }

    /// <summary>The subject is in the directory and not excluded by article 6.6; the reason never names them.</summary>
    private static InvestigationProblem? ValidateSubject(Investigation investigation, PersonDirectory directory, string field)
    {
        if (string.IsNullOrEmpty(investigation.SubjectId) || directory.Find(investigation.SubjectId) is not { } subject)
        {
            return Invalid(field, $"'{investigation.SubjectId}' is not in the directory");
        }

        return IsExcluded(subject)
            ? new InvestigationProblem(InvestigationProblemKind.Forbidden, field, ProtectedSubjectReason) { IsProtectedSubject = true }
            : null;
    }

    /// <summary>At least one reader, each in the directory, none twice, not the subject; mayors only for article 6.7.</summary>
    private static InvestigationProblem? ValidateReaders(Investigation investigation, PersonDirectory directory)
    {
        if (investigation.Readers is null || investigation.Readers.Count == 0)
        {
            return Invalid("readers", "name at least one person who may read the report; nobody else will");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var readerId in investigation.Readers)
        {
            if (string.IsNullOrEmpty(readerId) || directory.Find(readerId) is not { } reader)
            {
                return Invalid("readers", $"'{readerId}' is not in the directory");
            }

            if (!seen.Add(readerId))
            {
                return Invalid("readers", $"'{readerId}' is named twice");
            }

            if (string.Equals(readerId, investigation.SubjectId, StringComparison.Ordinal))
            {
                return Invalid("readers", "the subject cannot be a reader of the report about them");
            }

            if (investigation.Kind == InvestigationKind.PoliticalOfficeHolder && !reader.HasRole(Role.Mayor))
            {
                return Forbidden("readers",
                    $"'{readerId}' is not the mayor; the report of an investigation of a political office holder goes to the mayor only (article 6.7)");
            }
        }

        return null;
    }

    /// <summary>The approver or refuser: in the directory, the approving role, not the requester or subject; still requested.</summary>
    private static InvestigationProblem? ValidateDecider(Investigation investigation, string deciderId, PersonDirectory directory, bool approving)
    {
        ArgumentNullException.ThrowIfNull(investigation);
        ArgumentNullException.ThrowIfNull(directory);
        if (string.IsNullOrEmpty(deciderId) || directory.Find(deciderId) is not { } decider)
        {
            return Invalid("decidedBy", $"'{deciderId}' is not in the directory");
        }

        var verb = approving ? "approves" : "refuses";
        if (investigation.Kind == InvestigationKind.PoliticalOfficeHolder)
        {
            if (!decider.HasRole(Role.Mayor))
            {
                return Forbidden("decidedBy", $"'{decider.Id}' is not the mayor; only the mayor {verb} an investigation of a political office holder (article 6.7)");
            }
        }
        else if (!decider.HasRole(Role.MunicipalSecretary))
        {
            return Forbidden("decidedBy", investigation.Scope == InvestigationScope.Content
                ? $"'{decider.Id}' is not the municipal secretary; recording content (full URLs) needs the municipal secretary's prior approval (article 6.3)"
                : $"'{decider.Id}' is not the municipal secretary; only the municipal secretary {verb} investigations");
        }

        if (string.Equals(decider.Id, investigation.RequestedBy, StringComparison.Ordinal))
        {
            return Forbidden("decidedBy", $"'{decider.Id}' requested this investigation; the requester and the approver must be different people");
        }

        if (string.Equals(decider.Id, investigation.SubjectId, StringComparison.Ordinal))
        {
            return Forbidden("decidedBy", "nobody decides on an investigation into themselves");
        }

        return investigation.State == InvestigationState.Requested
            ? null
            : Conflict("state", $"the investigation is already {InvestigationNames.Name(investigation.State)}");
    }

    private static InvestigationProblem? ValidateSecretary(Investigation investigation, string actorId, PersonDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(investigation);
        ArgumentNullException.ThrowIfNull(directory);
        if (string.IsNullOrEmpty(actorId) || directory.Find(actorId) is not { } actor)
        {
            return Invalid("actor", $"'{actorId}' is not in the directory");
        }

        return actor.HasRole(Role.MunicipalSecretary)
            ? null
            : Forbidden("actor", $"'{actor.Id}' is not the municipal secretary; only the municipal secretary sets and releases a legal hold (article 7.1)");
    }

    private static InvestigationProblem Invalid(string field, string reason) => new(InvestigationProblemKind.Invalid, field, reason);

    private static InvestigationProblem Forbidden(string field, string reason) => new(InvestigationProblemKind.Forbidden, field, reason);

    private static InvestigationProblem Conflict(string field, string reason) => new(InvestigationProblemKind.Conflict, field, reason);
}
