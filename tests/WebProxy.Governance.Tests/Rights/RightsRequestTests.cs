using System.Text.Json;
using WebProxy.Governance.Rights;
using WebProxy.Governance.Tests.Support;
using WebProxy.Storage;
using static WebProxy.Testing.TestOrganisation;

namespace WebProxy.Governance.Tests.Rights;

/// <summary>
/// Article 8: anyone in the directory asks for correction, completion, deletion or blocking; a privacy officer answers
/// within 28 days, a refusal with reasons; each filing and answer is one governance record; overdue requests are
/// counted from their due date on.
/// </summary>
public sealed class RightsRequestTests : IDisposable
{
    private const string Text = "My captured records of 4 March include a site I never visited; please correct them";

    private readonly GovernanceFixture _org = new();

    public void Dispose() => _org.Dispose();

    private RightsRequestService Rights => _org.Instance.RightsRequests;

    [Fact]
    public void A_request_is_due_28_days_after_filing_and_recorded_without_its_text()
    {
        var filed = Rights.File(Actor.Api(Researcher), new RightsRequestFiling(" correct ", $"  {Text} "));

        Assert.True(filed.Succeeded, filed.Problem?.ToString());
        var request = filed.Value;
        Assert.Equal((Researcher, RightsRequestKind.Correct, Text), (request.PersonId, request.Kind, request.Text));
        Assert.Equal(GovernanceFixture.Start, request.FiledAt);
        Assert.Equal(GovernanceFixture.Start.AddDays(28), request.DueAt);
        var record = Assert.Single(_org.Records(GovernanceAction.RightsRequestFiled));
        Assert.Equal((Researcher, Researcher), (record.Actor, record.Subject));
        var details = JsonDocument.Parse(record.Details).RootElement;
        Assert.Equal(request.Id, details.GetProperty("request").GetGuid());
        Assert.Equal("correct", details.GetProperty("kind").GetString());
        Assert.Equal(request.DueAt, details.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(64, details.GetProperty("textSha256").GetString()!.Length);
        Assert.DoesNotContain("never visited", record.Details, StringComparison.Ordinal);
        Assert.Equal(request, Assert.Single(_org.Instance.RightsRequestStore.Load()));
    }

    [Theory]
    [InlineData(null, Text, "kind")]
    [InlineData("forget", Text, "kind")]
    [InlineData("delete", null, "text")]
    [InlineData("block", "   ", "text")]
    public void A_request_without_a_known_kind_or_a_text_is_refused_and_writes_nothing(string? kind, string? text, string field)
    {
        Refused.With(Rights.File(Actor.Api(Researcher), new RightsRequestFiling(kind, text)), ProblemKind.Invalid, field);

        Assert.Empty(_org.Records());
        Assert.Empty(_org.Instance.RightsRequestStore.Load());
    }

    [Fact]
    public void A_privacy_officer_does_not_answer_their_own_request()
    {
        var own = Rights.File(Actor.Api(PrivacyOfficer), new RightsRequestFiling("delete", "Delete what was recorded about me")).Value!;

        var problem = Refused.With(Rights.Answer(Actor.Api(PrivacyOfficer), own.Id, new RightsRequestAnswer("granted", "Deleted")), ProblemKind.Forbidden, "actor");

        Assert.Contains("another privacy officer answers it", problem.Reason, StringComparison.Ordinal);
        Assert.False(_org.Instance.RightsRequestStore.Find(own.Id)!.IsAnswered);
        Assert.Empty(_org.Records(GovernanceAction.RightsRequestAnswered));
    }

    [Fact]
    public void Someone_not_in_the_directory_cannot_file()
    {
        Refused.With(Rights.File(Actor.Api("x.onbekend"), new RightsRequestFiling("delete", Text)), ProblemKind.Forbidden, "actor");
        Refused.With(Rights.File(Actor.CommandLine(null), new RightsRequestFiling("delete", Text)), ProblemKind.Forbidden, "actor");

        Assert.Empty(_org.Records());
    }

    [Fact]
    public void A_request_is_overdue_exactly_from_its_due_date_and_the_count_follows_the_clock()
    {
        var request = File(Researcher);
        var other = File(Colleague, "block");
        var officer = Actor.Api(PrivacyOfficer);

        _org.Clock.SetUtcNow(request.DueAt.AddTicks(-1));
        Assert.False(request.IsOverdue(_org.Clock.GetUtcNow()));
        Assert.Equal(0, Rights.CountOverdue(_org.Clock.GetUtcNow()));
        Assert.Empty(Listed(officer, overdueOnly: true));
        Assert.Equal([request.Id, other.Id], Listed(officer, overdueOnly: false).Select(r => r.Id));

        _org.Clock.SetUtcNow(request.DueAt);
        Assert.True(request.IsOverdue(_org.Clock.GetUtcNow()));
        Assert.Equal(2, Rights.CountOverdue(_org.Clock.GetUtcNow()));
        Assert.Equal([request.Id, other.Id], Listed(officer, overdueOnly: true).Select(r => r.Id));
        Assert.Equal("overdue", RightsRequestView.Of(request, _org.Clock.GetUtcNow()).State);
    }

    [Fact]
    public void An_answer_after_the_due_date_is_accepted_recorded_as_late_and_no_longer_overdue()
    {
        var request = File(Researcher);
        _org.Clock.SetUtcNow(request.DueAt.AddDays(2));
        Assert.Equal(1, Rights.CountOverdue(_org.Clock.GetUtcNow()));

        var answered = Rights.Answer(Actor.Api(PrivacyOfficer), request.Id, new RightsRequestAnswer("granted", "Removed the record of 4 March 10:02"));

        Assert.True(answered.Succeeded, answered.Problem?.ToString());
        Assert.Equal((PrivacyOfficer, _org.Clock.GetUtcNow(), RightsRequestOutcome.Granted, "Removed the record of 4 March 10:02"),
            (answered.Value.AnsweredBy, answered.Value.AnsweredAt, answered.Value.Outcome, answered.Value.Answer));
        Assert.False(answered.Value.IsOverdue(_org.Clock.GetUtcNow()));
        Assert.Equal(0, Rights.CountOverdue(_org.Clock.GetUtcNow()));
        var record = Assert.Single(_org.Records(GovernanceAction.RightsRequestAnswered));
        Assert.Equal((PrivacyOfficer, Researcher), (record.Actor, record.Subject));
        var details = JsonDocument.Parse(record.Details).RootElement;
        Assert.Equal(("granted", true), (details.GetProperty("outcome").GetString(), details.GetProperty("late").GetBoolean()));
        Assert.DoesNotContain("10:02", record.Details, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_refusal_needs_reasons(string? reasons)
    {
        var request = File(Researcher);
        var before = _org.Records().Count;

        var problem = Refused.With(Rights.Answer(Actor.Api(PrivacyOfficer), request.Id, new RightsRequestAnswer("refused", reasons)), ProblemKind.Invalid, "text");

        Assert.Contains("reasons", problem.Reason, StringComparison.Ordinal);
        Assert.Equal(before, _org.Records().Count);
        Assert.False(_org.Instance.RightsRequestStore.Find(request.Id)!.IsAnswered);
    }

    [Fact]
    public void A_refusal_with_reasons_is_stored_and_shown_to_the_person()
    {
        var request = File(Researcher, "delete");

        var refused = Rights.Answer(Actor.Api(PrivacyOfficer), request.Id, new RightsRequestAnswer("refused", "The records are on legal hold for the disciplinary case"));

        Assert.True(refused.Succeeded, refused.Problem?.ToString());
        var mine = Rights.Mine(Actor.Api(Researcher));
        var view = RightsRequestView.Of(Assert.Single(mine.Value!), _org.Clock.GetUtcNow());
        Assert.Equal(("refused", "The records are on legal hold for the disciplinary case", PrivacyOfficer), (view.State, view.Answer, view.AnsweredBy));
    }

    [Fact]
    public void A_grant_says_what_was_done_and_an_unknown_outcome_is_refused()
    {
        var request = File(Researcher);

        Refused.With(Rights.Answer(Actor.Api(PrivacyOfficer), request.Id, new RightsRequestAnswer("granted", " ")), ProblemKind.Invalid, "text");
        Refused.With(Rights.Answer(Actor.Api(PrivacyOfficer), request.Id, new RightsRequestAnswer(null, "Done")), ProblemKind.Invalid, "outcome");
        Refused.With(Rights.Answer(Actor.Api(PrivacyOfficer), request.Id, new RightsRequestAnswer("maybe", "Done")), ProblemKind.Invalid, "outcome");

        Assert.Empty(_org.Records(GovernanceAction.RightsRequestAnswered));
    }

    [Theory]
    [InlineData(Researcher)]       // their own request
    [InlineData(Manager)]          // the person's manager
    [InlineData(Secretary)]
    [InlineData(SecurityOfficer)]
    [InlineData(ItPerson)]
    [InlineData(Mayor)]
    [InlineData("x.onbekend")]
    public void Only_a_privacy_officer_answers(string actor)
    {
        var request = File(Researcher);
        var before = _org.Records().Count;

        Refused.With(Rights.Answer(Actor.Api(actor), request.Id, new RightsRequestAnswer("granted", "Corrected")), ProblemKind.Forbidden, "actor");
        Refused.With(Rights.ListOpen(Actor.Api(actor), overdueOnly: false, "Checking"), ProblemKind.Forbidden, "actor");

        Assert.Equal(before, _org.Records().Count);
        Assert.False(_org.Instance.RightsRequestStore.Find(request.Id)!.IsAnswered);
    }

    [Fact]
    public void A_request_is_answered_once_and_an_unknown_one_is_not_found()
    {
        var request = File(Researcher);
        Assert.True(Rights.Answer(Actor.Api(PrivacyOfficer), request.Id, new RightsRequestAnswer("granted", "Corrected")).Succeeded);

        Refused.With(Rights.Answer(Actor.Api(PrivacyOfficer), request.Id, new RightsRequestAnswer("refused", "Changed my mind")), ProblemKind.Conflict, "id");
        Refused.With(Rights.Answer(Actor.Api(PrivacyOfficer), Guid.NewGuid(), new RightsRequestAnswer("granted", "Corrected")), ProblemKind.NotFound, "id");

        Assert.Single(_org.Records(GovernanceAction.RightsRequestAnswered));
    }

    [Fact]
    public void People_see_only_their_own_requests_and_reading_them_writes_nothing()
    {
        var mine = File(Researcher);
        var hers = File(Colleague, "complete");
        var before = _org.Records().Count;

        Assert.Equal([mine.Id], Rights.Mine(Actor.Api(Researcher)).Value!.Select(r => r.Id));
        Assert.Equal([hers.Id], Rights.Mine(Actor.Api(Colleague)).Value!.Select(r => r.Id));
        Assert.Empty(Rights.Mine(Actor.Api(Manager)).Value!);
        Assert.Empty(Rights.Mine(Actor.Api(PrivacyOfficer)).Value!);
        Refused.With(Rights.Mine(Actor.Api("x.onbekend")), ProblemKind.Forbidden, "actor");

        Assert.Equal(before, _org.Records().Count);
    }

    [Fact]
    public void The_privacy_officers_list_is_a_read_of_personal_data_with_a_purpose()
    {
        File(Researcher);
        File(Colleague, "block");
        File(PrivacyOfficer, "complete");
        var officer = Actor.Api(PrivacyOfficer);

        Refused.With(Rights.ListOpen(officer, overdueOnly: false, purpose: " "), ProblemKind.Invalid, "purpose");
        var listed = Rights.ListOpen(officer, overdueOnly: false, purpose: "Weekly check of open requests");

        Assert.Equal(3, listed.Value!.Count);
        var reads = _org.Records(GovernanceAction.PersonalDataRead);
        Assert.Equal([Researcher, Colleague], reads.Select(r => r.Subject));
        Assert.All(reads, r => Assert.Equal((PrivacyOfficer, "Weekly check of open requests"), (r.Actor, r.Purpose)));
        Assert.All(reads, r => Assert.Equal("rights-requests", JsonDocument.Parse(r.Details).RootElement.GetProperty("what").GetString()));
    }

    [Fact]
    public void Another_process_sees_the_requests_and_the_overdue_count()
    {
        var request = File(Researcher);
        using var other = _org.OpenAnotherInstance();

        Assert.Equal(request, other.RightsRequests.Mine(Actor.CommandLine(Researcher)).Value!.Single());
        Assert.Equal(1, other.RightsRequests.CountOverdue(request.DueAt));
    }

    private RightsRequest File(string person, string kind = "correct")
    {
        var filed = Rights.File(Actor.Api(person), new RightsRequestFiling(kind, Text));
        Assert.True(filed.Succeeded, filed.Problem?.ToString());
        return filed.Value;
    }

    private IReadOnlyList<RightsRequest> Listed(Actor officer, bool overdueOnly)
    {
        var listed = Rights.ListOpen(officer, overdueOnly, "Checking the deadlines of article 8");
        Assert.True(listed.Succeeded, listed.Problem?.ToString());
        return listed.Value;
    }
}
