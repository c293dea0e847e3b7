using WebProxy.Policy.Investigations;
using WebProxy.Storage.Tests.Support;

namespace WebProxy.Storage.Tests;

/// <summary>
/// Investigations live beside the governance log in one file, and each change commits with its record or not at all;
/// a change from a state the investigation is no longer in writes nothing, so two deciders never both succeed.
/// </summary>
public sealed class InvestigationStoreTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _data = new();
    private readonly ManualTimeProvider _clock = new(Start);
    private readonly GovernanceLog _log;
    private readonly InvestigationStore _store;

    public InvestigationStoreTests()
    {
        _log = new GovernanceLog(_data.Path, _clock);
        _store = new InvestigationStore(_log);
    }

    public void Dispose()
    {
        _log.Dispose();
        _data.Dispose();
    }

    [Fact]
    public void A_request_reads_back_as_stored_with_its_record()
    {
        var investigation = Request(InvestigationScope.Content);

        var record = _store.Request(investigation, Entry(GovernanceAction.InvestigationRequested, investigation));

        var stored = Assert.Single(_store.Load().All);
        Assert.Equal(
            (investigation.Id, investigation.SubjectId, investigation.Kind, investigation.Purpose, investigation.LegalGround, investigation.Scope),
            (stored.Id, stored.SubjectId, stored.Kind, stored.Purpose, stored.LegalGround, stored.Scope));
        Assert.Equal((investigation.Start, investigation.End, investigation.RequestedBy, investigation.RequestedAt),
            (stored.Start, stored.End, stored.RequestedBy, stored.RequestedAt));
        Assert.Equal(investigation.Readers, stored.Readers);
        Assert.Equal(InvestigationState.Requested, stored.State);
        Assert.Null(stored.DecidedAt);
        Assert.Null(stored.LegalHold);
        Assert.Equal(1, record.Sequence);
        Assert.Equal(GovernanceAction.InvestigationRequested, record.Action);
    }

    [Fact]
    public void An_approval_is_stored_once_and_a_second_decision_writes_nothing()
    {
        var investigation = Requested();
        var at = Start.AddHours(2);

        Assert.NotNull(_store.Decide(investigation.Id, InvestigationDecision.Approval("secretary", at, deferDisclosure: true), Entry(GovernanceAction.InvestigationApproved, investigation)));
        Assert.Null(_store.Decide(investigation.Id, InvestigationDecision.Refusal("secretary", at, "No"), Entry(GovernanceAction.InvestigationRefused, investigation)));

        var stored = _store.Load().Find(investigation.Id)!;
        Assert.Equal((InvestigationState.Approved, "secretary", at, true), (stored.State, stored.DecidedBy, stored.DecidedAt, stored.DeferDisclosure));
        Assert.Equal(2, _log.Head()!.Sequence);
    }

    [Fact]
    public void A_refusal_keeps_its_reason()
    {
        var investigation = Requested();

        _store.Decide(investigation.Id, InvestigationDecision.Refusal("secretary", Start, "Not proportional"), Entry(GovernanceAction.InvestigationRefused, investigation));

        var stored = _store.Load().Find(investigation.Id)!;
        Assert.Equal((InvestigationState.Refused, "Not proportional"), (stored.State, stored.RefusalReason));
        Assert.False(stored.WasApproved);
    }

    [Fact]
    public void A_withdrawal_of_an_approved_investigation_is_stored_once()
    {
        var investigation = Requested();
        _store.Decide(investigation.Id, InvestigationDecision.Approval("secretary", Start, false), Entry(GovernanceAction.InvestigationApproved, investigation));
        var at = Start.AddDays(1);

        Assert.NotNull(_store.Withdraw(investigation.Id, "m.jansen", at, "Suspicion cleared", Entry(GovernanceAction.InvestigationWithdrawn, investigation)));
        Assert.Null(_store.Withdraw(investigation.Id, "m.jansen", at, null, Entry(GovernanceAction.InvestigationWithdrawn, investigation)));

        var stored = _store.Load().Find(investigation.Id)!;
        Assert.Equal((InvestigationState.Withdrawn, "m.jansen", at, "Suspicion cleared"), (stored.State, stored.WithdrawnBy, stored.WithdrawnAt, stored.WithdrawalReason));
        Assert.True(stored.WasApproved);
        Assert.Equal(at, stored.CaptureEnd);
        Assert.Equal(3, _log.Head()!.Sequence);
    }

    [Fact]
    public void A_legal_hold_is_set_and_released_once_and_can_be_set_again()
    {
        var investigation = Requested();
        Assert.Null(_store.SetLegalHold(investigation.Id, new LegalHold("Case", "secretary", Start), Entry(GovernanceAction.LegalHoldSet, investigation)));
        _store.Decide(investigation.Id, InvestigationDecision.Approval("secretary", Start, false), Entry(GovernanceAction.InvestigationApproved, investigation));

        Assert.NotNull(_store.SetLegalHold(investigation.Id, new LegalHold("Disciplinary case 7", "secretary", Start.AddDays(1)), Entry(GovernanceAction.LegalHoldSet, investigation)));
        Assert.Null(_store.SetLegalHold(investigation.Id, new LegalHold("Again", "secretary", Start.AddDays(1)), Entry(GovernanceAction.LegalHoldSet, investigation)));
        var held = _store.Load();
        Assert.Equal([investigation.Id], held.OnLegalHold);
        Assert.Equal(("Disciplinary case 7", "secretary", Start.AddDays(1)), (held.Find(investigation.Id)!.LegalHold!.Reason, held.Find(investigation.Id)!.LegalHold!.SetBy, held.Find(investigation.Id)!.LegalHold!.SetAt));

        Assert.NotNull(_store.ReleaseLegalHold(investigation.Id, "secretary", Start.AddDays(9), "Case closed", Entry(GovernanceAction.LegalHoldReleased, investigation)));
        Assert.Null(_store.ReleaseLegalHold(investigation.Id, "secretary", Start.AddDays(9), "Again", Entry(GovernanceAction.LegalHoldReleased, investigation)));
        var released = _store.Load().Find(investigation.Id)!.LegalHold!;
        Assert.Equal(("secretary", Start.AddDays(9), "Case closed", false), (released.ReleasedBy, released.ReleasedAt, released.ReleaseReason, released.InForce));

        Assert.NotNull(_store.SetLegalHold(investigation.Id, new LegalHold("Appeal", "secretary", Start.AddDays(10)), Entry(GovernanceAction.LegalHoldSet, investigation)));
        Assert.True(_store.Load().Find(investigation.Id)!.IsOnLegalHold);
        Assert.Equal(5, _log.Head()!.Sequence);
    }

    [Fact]
    public void A_failing_request_writes_neither_the_row_nor_the_record()
    {
        var investigation = Requested();

        Assert.ThrowsAny<Exception>(() => _store.Request(investigation, Entry(GovernanceAction.InvestigationRequested, investigation)));

        Assert.Single(_store.Load().All);
        Assert.Equal(1, _log.Head()!.Sequence);
        Assert.True(_log.Verify().IsValid);
    }

    [Fact]
    public void Only_a_requested_investigation_is_stored_as_a_request()
    {
        var approved = Request(InvestigationScope.Traffic) with { State = InvestigationState.Approved, DecidedAt = Start, DecidedBy = "secretary" };

        Assert.Throws<ArgumentException>(() => _store.Request(approved, Entry(GovernanceAction.InvestigationRequested, approved)));
        Assert.Null(_log.Head());
    }

    [Fact]
    public void A_report_read_without_a_purpose_is_not_recorded()
    {
        var investigation = Requested();

        Assert.Throws<ArgumentException>(() => _log.Append(new GovernanceEntry("m.jansen", GovernanceAction.InvestigationReportRead, investigation.SubjectId)));
        Assert.Equal(1, _log.Head()!.Sequence);
    }

    [Fact]
    public void A_version_2_database_gains_the_investigations_table_and_keeps_its_records()
    {
        _log.Append(new GovernanceEntry("p.officer", GovernanceAction.AdminLogin));
        _log.Dispose();
        RawSql.Execute(Path.Combine(_data.Path, GovernanceLog.FileName), "DROP TABLE investigations; PRAGMA user_version = 2;");

        using var reopened = new GovernanceLog(_data.Path, _clock);
        var store = new InvestigationStore(reopened);
        var investigation = Request(InvestigationScope.Traffic);
        store.Request(investigation, Entry(GovernanceAction.InvestigationRequested, investigation));

        Assert.Single(store.Load().All);
        Assert.True(reopened.Verify().IsValid);
        Assert.Equal((long)GovernanceSchema.Version, RawSql.Scalar(reopened.DatabasePath, "PRAGMA user_version;"));
    }

    [Fact]
    public void A_block_is_stored_once_with_its_record_and_only_on_an_approved_investigation()
    {
        var requested = Requested();
        var block = new RecordsBlock(Guid.NewGuid(), "p.officer", Start.AddDays(9));
        Assert.Null(_store.Block(requested.Id, block, Entry(GovernanceAction.RecordsBlocked, requested)));

        Assert.NotNull(_store.Decide(requested.Id, InvestigationDecision.Approval("secretary", Start.AddHours(2), deferDisclosure: false), Entry(GovernanceAction.InvestigationApproved, requested)));
        var record = _store.Block(requested.Id, block, Entry(GovernanceAction.RecordsBlocked, requested));

        Assert.Equal(GovernanceAction.RecordsBlocked, record!.Action);
        Assert.Equal(block, Assert.Single(_store.Load().All).Block);
        Assert.Null(_store.Block(requested.Id, block with { RequestId = Guid.NewGuid() }, Entry(GovernanceAction.RecordsBlocked, requested)));
        Assert.Equal(3, _log.Head()!.Sequence);
    }

    [Fact]
    public void A_version_4_database_gains_the_blocks_table_and_keeps_its_investigations()
    {
        var investigation = Requested();
        _log.Dispose();
        RawSql.Execute(Path.Combine(_data.Path, GovernanceLog.FileName), "DROP TABLE blocked_investigations; PRAGMA user_version = 4;");

        using var reopened = new GovernanceLog(_data.Path, _clock);
        var store = new InvestigationStore(reopened);

        Assert.Null(Assert.Single(store.Load().All).Block);
        Assert.Equal((long)GovernanceSchema.Version, RawSql.Scalar(reopened.DatabasePath, "PRAGMA user_version;"));
    }

    [Fact]
    public void A_row_changed_by_hand_is_reported_with_its_id()
    {
        var investigation = Requested();
        RawSql.Execute(_log.DatabasePath, "PRAGMA ignore_check_constraints = ON; UPDATE investigations SET scope = 'bodies';");

        var error = Assert.Throws<InvalidDataException>(() => _store.Load());

        Assert.Contains(investigation.Id.ToString(), error.Message, StringComparison.Ordinal);
    }

    private Investigation Requested()
    {
        var investigation = Request(InvestigationScope.Traffic);
        _store.Request(investigation, Entry(GovernanceAction.InvestigationRequested, investigation));
        return investigation;
    }

    private static Investigation Request(InvestigationScope scope) => new()
    {
        Id = Guid.NewGuid(),
        SubjectId = "r.bakker",
        Purpose = "Suspicion of running a web shop during working hours",
        LegalGround = "Art. 6.2 Privacyreglement",
        Scope = scope,
        Start = Start,
        End = Start.AddDays(7),
        Readers = ["m.jansen", "s.officer"],
        RequestedBy = "m.jansen",
        RequestedAt = Start,
    };

    private static GovernanceEntry Entry(GovernanceAction action, Investigation investigation) =>
        new("m.jansen", action, investigation.SubjectId, $$"""{"investigation":"{{investigation.Id}}"}""",
            action == GovernanceAction.InvestigationReportRead ? "Report" : null);
}
