using System.Text.Json;
using WebProxy.Governance.Rights;
using WebProxy.Governance.Tests.Support;
using WebProxy.Policy.Investigations;
using WebProxy.Storage;
using static WebProxy.Governance.Tests.Support.InvestigationSteps;
using static WebProxy.Testing.TestOrganisation;

namespace WebProxy.Governance.Tests.Rights;

/// <summary>
/// Article 8 with 7.2: a privacy officer who grants a person's blocking request can block the requests captured about
/// them under investigations that ended. Blocked records are kept (the retention still ends them), the person still
/// sees them, but no named reader is given them any more — and the block outlives a restart, since it is stored beside
/// the investigation in the governance database.
/// </summary>
public sealed class BlockingTests : IDisposable
{
    private const string Done = "Blocked the records captured about you under the closed investigation";
    private const string ReadPurpose = "Preparing the disciplinary file";

    private readonly GovernanceFixture _org = new();

    public void Dispose() => _org.Dispose();

    private RightsRequestService Rights => _org.Instance.RightsRequests;

    [Fact]
    public void Blocked_records_are_kept_and_shown_to_the_person_but_no_longer_given_to_the_readers()
    {
        var investigation = _org.CapturedAbout(Researcher, "shop.example");
        _org.Clock.SetUtcNow(investigation.End.AddDays(1));
        Assert.True(_org.Investigations.ReadReport(Actor.Api(SecurityOfficer), investigation.Id, ReadPurpose).Succeeded);
        var request = _org.FileRightsRequest(Researcher, "block");

        var answered = Rights.Answer(Actor.Api(PrivacyOfficer), request.Id, new RightsRequestAnswer("granted", Done, BlockCapturedRequests: true));

        Assert.True(answered.Succeeded, answered.Problem?.ToString());
        var blocked = _org.State.Investigations.Find(investigation.Id)!.Block;
        Assert.Equal(new RecordsBlock(request.Id, PrivacyOfficer, _org.Clock.GetUtcNow()), blocked);
        Assert.Equal(1, _org.Instance.Captures.Count(investigation.Id));
        var record = Assert.Single(_org.Records(GovernanceAction.RecordsBlocked));
        Assert.Equal((PrivacyOfficer, Researcher), (record.Actor, record.Subject));
        var details = JsonDocument.Parse(record.Details).RootElement;
        Assert.Equal((investigation.Id, 1), (details.GetProperty("investigation").GetGuid(), details.GetProperty("records").GetInt32()));
        Assert.DoesNotContain("shop.example", record.Details, StringComparison.Ordinal);

        // The named reader is refused, with the reason, and the refusal reads nothing.
        var reads = _org.Records(GovernanceAction.InvestigationReportRead).Count;
        var refused = Refused.With(_org.Investigations.ReadReport(Actor.Api(SecurityOfficer), investigation.Id, ReadPurpose), ProblemKind.Conflict, "state");
        Assert.Contains("blocked at the subject's request", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(reads, _org.Records(GovernanceAction.InvestigationReportRead).Count);

        // The person still sees what is held about them, marked blocked, and the block in the log.
        var overview = _org.Instance.SubjectAccess.Report(Actor.Api(Researcher)).Value!;
        var shown = Assert.Single(overview.Investigations);
        Assert.Equal(_org.Clock.GetUtcNow(), shown.RecordsBlockedAt);
        Assert.Equal(["shop.example"], shown.Records.Select(r => r.Host));
        Assert.Contains(overview.GovernanceLog, e => e.Action == "records_blocked" && e.Actor == PrivacyOfficer);

        // Another process (a restart) finds the block in the governance database.
        using var reopened = _org.OpenAnotherInstance();
        Assert.NotNull(reopened.State.Investigations.Find(investigation.Id)!.Block);
        Refused.With(reopened.Investigations.ReadReport(Actor.Api(SecurityOfficer), investigation.Id, ReadPurpose), ProblemKind.Conflict, "state");
    }

    [Fact]
    public void Nothing_is_blocked_while_the_investigation_still_records()
    {
        var investigation = _org.CapturedAbout(Researcher, "shop.example");
        var request = _org.FileRightsRequest(Researcher, "block");

        var problem = Refused.With(
            Rights.Answer(Actor.Api(PrivacyOfficer), request.Id, new RightsRequestAnswer("granted", Done, BlockCapturedRequests: true)),
            ProblemKind.Conflict, "blockCapturedRequests");

        Assert.Contains("once it ended", problem.Reason, StringComparison.Ordinal);
        Assert.Null(_org.State.Investigations.Find(investigation.Id)!.Block);
        Assert.Empty(_org.Records(GovernanceAction.RecordsBlocked));
        Assert.False(_org.Instance.RightsRequestStore.Find(request.Id)!.IsAnswered);
    }

    [Theory]
    [InlineData("block", "refused")]
    [InlineData("delete", "granted")]
    [InlineData("correct", "granted")]
    public void Blocking_goes_only_with_a_granted_blocking_request(string kind, string outcome)
    {
        var investigation = _org.CapturedAbout(Researcher, "shop.example");
        _org.Clock.SetUtcNow(investigation.End.AddDays(1));
        var request = _org.FileRightsRequest(Researcher, kind);

        Refused.With(
            Rights.Answer(Actor.Api(PrivacyOfficer), request.Id, new RightsRequestAnswer(outcome, "Reasons and what was done", BlockCapturedRequests: true)),
            ProblemKind.Invalid, "blockCapturedRequests");

        Assert.Null(_org.State.Investigations.Find(investigation.Id)!.Block);
    }
}
