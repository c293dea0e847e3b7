using WebProxy.Storage.Tests.Support;

namespace WebProxy.Storage.Tests;

/// <summary>
/// Article 8: rights requests live beside the governance log in one file; a filing and an answer each commit with
/// their record or not at all, and a request is answered once.
/// </summary>
public sealed class RightsRequestStoreTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _data = new();
    private readonly ManualTimeProvider _clock = new(Start);
    private readonly GovernanceLog _log;
    private readonly RightsRequestStore _store;

    public RightsRequestStoreTests()
    {
        _log = new GovernanceLog(_data.Path, _clock);
        _store = new RightsRequestStore(_log);
    }

    public void Dispose()
    {
        _log.Dispose();
        _data.Dispose();
    }

    [Fact]
    public void A_filed_request_reads_back_as_stored_with_its_record()
    {
        var request = Request("r.bakker", RightsRequestKind.Correct, "My department is wrong in the directory");

        var record = _store.File(request, Filed(request));

        var stored = Assert.Single(_store.Load());
        Assert.Equal(request, stored);
        Assert.False(stored.IsAnswered);
        Assert.Equal(stored, _store.Find(request.Id));
        Assert.Equal((1L, GovernanceAction.RightsRequestFiled, "r.bakker"), (record.Sequence, record.Action, record.Subject));
        Assert.True(_log.Verify().IsValid);
    }

    [Fact]
    public void An_answer_is_stored_once_and_a_second_answer_writes_nothing()
    {
        var request = Filed("r.bakker");
        var at = Start.AddDays(3);

        Assert.NotNull(_store.Answer(request.Id, "p.officer", at, RightsRequestOutcome.Refused, "Kept for the audit until June", Answered(request)));
        Assert.Null(_store.Answer(request.Id, "p.officer", at, RightsRequestOutcome.Granted, "Deleted", Answered(request)));

        var stored = _store.Find(request.Id)!;
        Assert.Equal(("p.officer", at, RightsRequestOutcome.Refused, "Kept for the audit until June"),
            (stored.AnsweredBy, stored.AnsweredAt, stored.Outcome, stored.Answer));
        Assert.Equal(2, _log.Head()!.Sequence);
        Assert.Empty(_store.Unanswered());
    }

    [Fact]
    public void Answering_a_request_that_does_not_exist_writes_nothing()
    {
        var request = Request("r.bakker", RightsRequestKind.Delete, "x");

        Assert.Null(_store.Answer(request.Id, "p.officer", Start, RightsRequestOutcome.Granted, "Deleted", Answered(request)));

        Assert.Null(_log.Head());
    }

    [Fact]
    public void Overdue_counts_unanswered_requests_from_their_due_date_on()
    {
        var first = Filed("r.bakker");
        _clock.Now = Start.AddDays(1);
        var second = Filed("e.visser");
        var answered = Filed("p.smit");
        _store.Answer(answered.Id, "p.officer", Start.AddDays(2), RightsRequestOutcome.Granted, "Blocked", Answered(answered));

        Assert.Equal(0, _store.CountOverdue(first.DueAt.AddTicks(-1)));
        Assert.Equal(1, _store.CountOverdue(first.DueAt));
        Assert.Equal(1, _store.CountOverdue(second.DueAt.AddTicks(-1)));
        Assert.Equal(2, _store.CountOverdue(second.DueAt));
        Assert.Equal([first.Id, second.Id], _store.Unanswered().Select(r => r.Id));
        Assert.Equal([second.Id], _store.ForPerson("e.visser").Select(r => r.Id));
    }

    [Fact]
    public void A_version_3_database_gains_the_rights_requests_table_and_keeps_its_records()
    {
        _log.Append(new GovernanceEntry("p.officer", GovernanceAction.AdminLogin));
        _log.Dispose();
        RawSql.Execute(Path.Combine(_data.Path, GovernanceLog.FileName), "DROP TABLE rights_requests; PRAGMA user_version = 3;");

        using var reopened = new GovernanceLog(_data.Path, _clock);
        var store = new RightsRequestStore(reopened);
        var request = Request("r.bakker", RightsRequestKind.Block, "Block my captured records");
        store.File(request, Filed(request));

        Assert.Single(store.Load());
        Assert.True(reopened.Verify().IsValid);
        Assert.Equal((long)GovernanceSchema.Version, RawSql.Scalar(reopened.DatabasePath, "PRAGMA user_version;"));
    }

    [Fact]
    public void A_row_changed_by_hand_is_reported_with_its_id()
    {
        var request = Filed("r.bakker");
        RawSql.Execute(_log.DatabasePath, "PRAGMA ignore_check_constraints = ON; UPDATE rights_requests SET kind = 'forget';");

        var error = Assert.Throws<InvalidDataException>(() => _store.Load());

        Assert.Contains(request.Id.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains("kind", error.Message, StringComparison.Ordinal);
    }

    private RightsRequest Filed(string person)
    {
        var request = Request(person, RightsRequestKind.Delete, "Delete what was recorded about me in March");
        _store.File(request, Filed(request));
        return request;
    }

    private RightsRequest Request(string person, RightsRequestKind kind, string text)
    {
        var now = _clock.GetUtcNow();
        return new RightsRequest(Guid.NewGuid(), person, kind, text, now, now.AddDays(28));
    }

    private static GovernanceEntry Filed(RightsRequest request) =>
        new(request.PersonId, GovernanceAction.RightsRequestFiled, request.PersonId, $$"""{"request":"{{request.Id}}"}""");

    private static GovernanceEntry Answered(RightsRequest request) =>
        new("p.officer", GovernanceAction.RightsRequestAnswered, request.PersonId, $$"""{"request":"{{request.Id}}"}""");
}
