using System.Text.Json;
using WebProxy.Governance.Rights;
using WebProxy.Governance.Tests.Support;
using WebProxy.Policy.Investigations;
using WebProxy.Storage;
using static WebProxy.Governance.Tests.Support.InvestigationSteps;
using static WebProxy.Testing.TestOrganisation;

namespace WebProxy.Governance.Tests.Rights;

/// <summary>
/// Article 8 with 7.1: a privacy officer who grants a person's deletion request can erase the requests captured about
/// them under investigations that ended — recorded with the count and the person as subject, so they see it in their
/// overview — but not while an investigation still records or is on legal hold, and not with any other answer.
/// </summary>
public sealed class ErasureTests : IDisposable
{
    private const string Done = "Erased the records captured about you under the closed investigation";

    private readonly GovernanceFixture _org = new();

    public void Dispose() => _org.Dispose();

    private RightsRequestService Rights => _org.Instance.RightsRequests;

    [Fact]
    public void A_granted_deletion_request_erases_the_persons_records_of_an_ended_investigation_and_tells_them()
    {
        var investigation = _org.CapturedAbout(Researcher, "shop.example");
        var colleagues = _org.CapturedAbout(Colleague, "news.example");
        _org.Clock.SetUtcNow(investigation.End.AddDays(1));
        var request = _org.FileRightsRequest(Researcher, "delete");

        var answered = Rights.Answer(Actor.Api(PrivacyOfficer), request.Id, new RightsRequestAnswer("granted", Done, EraseCapturedRequests: true));

        Assert.True(answered.Succeeded, answered.Problem?.ToString());
        Assert.Equal(0, _org.Instance.Captures.Count(investigation.Id));
        Assert.Equal(1, _org.Instance.Captures.Count(colleagues.Id));
        var erasure = Assert.Single(_org.Records(GovernanceAction.RecordsDeleted));
        Assert.Equal((PrivacyOfficer, Researcher), (erasure.Actor, erasure.Subject));
        var details = JsonDocument.Parse(erasure.Details).RootElement;
        Assert.Equal(("erasure", 1, request.Id, investigation.Id),
            (details.GetProperty("kind").GetString(), details.GetProperty("count").GetInt32(), details.GetProperty("request").GetGuid(), details.GetProperty("investigation").GetGuid()));
        Assert.DoesNotContain("shop.example", erasure.Details, StringComparison.Ordinal);
        // The answer is recorded first and names what it erases, so a crash before the erasure is re-applied at start.
        var answerRecord = Assert.Single(_org.Records(GovernanceAction.RightsRequestAnswered));
        Assert.True(answerRecord.Sequence < erasure.Sequence);
        var answer = JsonDocument.Parse(answerRecord.Details).RootElement;
        Assert.Equal(1, answer.GetProperty("erasedCapturedRequests").GetInt32());
        Assert.Equal([investigation.Id], answer.GetProperty("erasedInvestigations").EnumerateArray().Select(e => e.GetGuid()));

        // The person sees the erasure among the records about them, and no records left.
        var overview = _org.Instance.SubjectAccess.Report(Actor.Api(Researcher)).Value!;
        Assert.Empty(Assert.Single(overview.Investigations).Records);
        Assert.Contains(overview.GovernanceLog, e => e.Action == "records_deleted" && e.Actor == PrivacyOfficer);
    }

    [Fact]
    public void Requests_still_buffered_are_erased_too()
    {
        var investigation = _org.CapturedAbout(Researcher, "shop.example");
        _org.Instance.Captures.Append(investigation.Id, _org.Clock.GetUtcNow(), "late.example", null, 10, 10, null, "tunnel");
        _org.Clock.SetUtcNow(investigation.End.AddDays(1));
        var request = _org.FileRightsRequest(Researcher, "delete");

        Assert.True(Rights.Answer(Actor.Api(PrivacyOfficer), request.Id, new RightsRequestAnswer("granted", Done, EraseCapturedRequests: true)).Succeeded);

        _org.Instance.Captures.Flush();
        Assert.Equal(0, _org.Instance.Captures.Count(investigation.Id));
        Assert.Contains("\"count\":2", Assert.Single(_org.Records(GovernanceAction.RecordsDeleted)).Details, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_is_erased_while_the_investigation_still_records()
    {
        var investigation = _org.CapturedAbout(Researcher, "shop.example");
        var request = _org.FileRightsRequest(Researcher, "delete");

        var problem = Refused.With(
            Rights.Answer(Actor.Api(PrivacyOfficer), request.Id, new RightsRequestAnswer("granted", Done, EraseCapturedRequests: true)),
            ProblemKind.Conflict, "eraseCapturedRequests");

        Assert.Contains("once it ended", problem.Reason, StringComparison.Ordinal);
        Assert.Equal(1, _org.Instance.Captures.Count(investigation.Id));
        Assert.Empty(_org.Records(GovernanceAction.RecordsDeleted));
        Assert.False(_org.Instance.RightsRequestStore.Find(request.Id)!.IsAnswered);
    }

    [Fact]
    public void Nothing_is_erased_while_the_investigation_is_on_legal_hold()
    {
        var investigation = _org.CapturedAbout(Researcher, "shop.example");
        Assert.True(_org.Investigations.SetLegalHold(Actor.Api(Secretary), investigation.Id, "disciplinary case 2025-7").Succeeded);
        _org.Clock.SetUtcNow(investigation.End.AddDays(1));
        var request = _org.FileRightsRequest(Researcher, "delete");

        var problem = Refused.With(
            Rights.Answer(Actor.Api(PrivacyOfficer), request.Id, new RightsRequestAnswer("granted", Done, EraseCapturedRequests: true)),
            ProblemKind.Conflict, "eraseCapturedRequests");

        Assert.Contains("legal hold (disciplinary case 2025-7)", problem.Reason, StringComparison.Ordinal);
        Assert.Equal(1, _org.Instance.Captures.Count(investigation.Id));

        // The officer refuses with the hold as the reason instead; nothing is erased.
        Assert.True(Rights.Answer(Actor.Api(PrivacyOfficer), request.Id, new RightsRequestAnswer("refused", "The records are on legal hold for a disciplinary case")).Succeeded);
        Assert.Equal(1, _org.Instance.Captures.Count(investigation.Id));
    }

    [Theory]
    [InlineData("delete", "refused")]
    [InlineData("correct", "granted")]
    [InlineData("block", "granted")]
    public void Erasing_goes_only_with_a_granted_deletion_request(string kind, string outcome)
    {
        var investigation = _org.CapturedAbout(Researcher, "shop.example");
        _org.Clock.SetUtcNow(investigation.End.AddDays(1));
        var request = _org.FileRightsRequest(Researcher, kind);

        Refused.With(
            Rights.Answer(Actor.Api(PrivacyOfficer), request.Id, new RightsRequestAnswer(outcome, "Reasons and what was done", EraseCapturedRequests: true)),
            ProblemKind.Invalid, "eraseCapturedRequests");

        Assert.Equal(1, _org.Instance.Captures.Count(investigation.Id));
    }
}
