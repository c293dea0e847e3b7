namespace WebProxy.Policy.Investigations;

/// <summary>
/// A targeted, time-boxed control of one named person (issue 6; articles 6.2, 6.3, 6.6, 6.7). Plain data:
/// <see cref="InvestigationRules"/> decides whether a request, an approval, a read or a legal hold is allowed,
/// <see cref="InvestigationSet"/> whether the subject's traffic is recorded at a moment. The recording window is
/// half-open: from the later of <see cref="Start"/> and the approval (inclusive) until the earlier of <see cref="End"/>
/// and the withdrawal (exclusive).
/// </summary>
public sealed record Investigation
{
    /// <summary>The investigation's id, never <see cref="Guid.Empty"/>.</summary>
    public required Guid Id { get; init; }

    /// <summary>The id of the person investigated (a <see cref="Identity.PersonDirectory"/> id).</summary>
    public required string SubjectId { get; init; }

    /// <summary>Article 6.2 or 6.7, fixed at the request from the subject's protected roles.</summary>
    public InvestigationKind Kind { get; init; } = InvestigationKind.Regular;

    /// <summary>What the investigation is for: the suspicion it looks into, in the requester's words.</summary>
    public required string Purpose { get; init; }

    /// <summary>The legal ground the requester relies on (text), e.g. "art. 6.2 Privacyreglement; suspicion of ...".</summary>
    public required string LegalGround { get; init; }

    /// <summary>What is recorded: traffic data only, or full URLs as well.</summary>
    public required InvestigationScope Scope { get; init; }

    /// <summary>When recording may start (inclusive; recording waits for the approval when that is later).</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>When recording stops by itself (exclusive).</summary>
    public required DateTimeOffset End { get; init; }

    /// <summary>The ids of the people who may read the report, named in advance (the ombudsman case); at least one.</summary>
    public required IReadOnlyList<string> Readers { get; init; }

    /// <summary>The id of the manager or security officer who requested it.</summary>
    public required string RequestedBy { get; init; }

    /// <summary>When it was requested.</summary>
    public required DateTimeOffset RequestedAt { get; init; }

    /// <summary>Where it is in its life.</summary>
    public InvestigationState State { get; init; } = InvestigationState.Requested;

    /// <summary>Who approved or refused it; null while it is requested (and for one withdrawn before a decision).</summary>
    public string? DecidedBy { get; init; }

    /// <summary>When it was approved or refused; null while undecided.</summary>
    public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>Why it was refused; null unless refused. Never names the subject.</summary>
    public string? RefusalReason { get; init; }

    /// <summary>
    /// Set by the approver: the subject learns of the investigation only after it ended, instead of from the approval
    /// on (article 8; see <see cref="InvestigationRules.IsDisclosedToSubject"/>).
    /// </summary>
    public bool DeferDisclosure { get; init; }

    /// <summary>Who withdrew it; null unless withdrawn.</summary>
    public string? WithdrawnBy { get; init; }

    /// <summary>When it was withdrawn; null unless withdrawn.</summary>
    public DateTimeOffset? WithdrawnAt { get; init; }

    /// <summary>Why it was withdrawn, when a reason was given.</summary>
    public string? WithdrawalReason { get; init; }

    /// <summary>The latest legal hold on its records, in force or released; null when there never was one.</summary>
    public LegalHold? LegalHold { get; init; }

    /// <summary>The block on its records at the subject's request; null while there is none.</summary>
    public RecordsBlock? Block { get; init; }

    /// <summary>Whether it was approved (it may have been withdrawn since): only then were records captured and may the report be read.</summary>
    public bool WasApproved => State is InvestigationState.Approved || (State is InvestigationState.Withdrawn && DecidedAt is not null);

    /// <summary>Whether a legal hold keeps its records now.</summary>
    public bool IsOnLegalHold => LegalHold is { InForce: true };

    /// <summary>
    /// When recording starts: the later of <see cref="Start"/> and the approval; null when it was never approved.
    /// </summary>
    public DateTimeOffset? CaptureStart => WasApproved && DecidedAt is { } approved ? (approved > Start ? approved : Start) : null;

    /// <summary>When recording stops: the earlier of <see cref="End"/> and the withdrawal.</summary>
    public DateTimeOffset CaptureEnd => WithdrawnAt is { } withdrawn && withdrawn < End ? withdrawn : End;

    /// <summary>Only the id: an investigation logged by accident does not leak its subject, purpose or readers.</summary>
    public override string ToString() => $"Investigation {{ Id = {Id} }}";
}
