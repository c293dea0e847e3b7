using System.Text.Json;
using WebProxy.Governance.Rights;
using WebProxy.Governance.Tests.Support;
using WebProxy.Policy.Investigations;
using WebProxy.Storage;
using static WebProxy.Governance.Tests.Support.InvestigationSteps;
using static WebProxy.Testing.TestOrganisation;

namespace WebProxy.Governance.Tests.Rights;

/// <summary>
/// Article 8, the right of access: the signed-in person sees everything held about them — their entry, exemptions,
/// the investigations that named them once disclosed and what was captured under them, their rights requests, and
/// every governance record about them (who read their data, when, why). Reading it records nothing.
/// </summary>
public sealed class SubjectAccessTests : IDisposable
{
    private const string ReviewPurpose = "Preparing the annual review";
    private const string ReportPurpose = "Checking for data exfiltration";

    private readonly GovernanceFixture _org = new();

    public void Dispose() => _org.Dispose();

    private SubjectAccessService Access => _org.Instance.SubjectAccess;

    [Fact]
    public void The_report_holds_the_entry_exemptions_disclosed_investigations_with_their_records_and_the_log_about_the_person()
    {
        var exemption = _org.GrantResearch();
        _org.GrantResearch(subject: Colleague);
        var disclosed = _org.Approved();
        var deferred = ApprovedDeferred();
        _org.Clock.SetUtcNow(disclosed.Start.AddHours(2));
        _org.Instance.Captures.Append(disclosed.Id, _org.Clock.GetUtcNow(), "shop.example", null, 12_000, 800, null, "tunnel");
        _org.Instance.Captures.Append(deferred.Id, _org.Clock.GetUtcNow(), "casino.example", null, 400, 300, "gambling", "refuse");
        Assert.True(_org.Directory.Get(Actor.Api(Manager), Researcher, ReviewPurpose).Succeeded);
        Assert.True(_org.Investigations.ReadReport(Actor.Api(SecurityOfficer), deferred.Id, ReportPurpose).Succeeded);
        Assert.True(_org.Investigations.List(Actor.Api(Secretary), "Weekly overview of investigations").Succeeded);
        Assert.True(_org.Instance.RightsRequests.File(Actor.Api(Researcher), new RightsRequestFiling("delete", "Delete the shop visits")).Succeeded);
        var recordsBefore = _org.Records().Count;

        var report = Report(Researcher);

        Assert.Equal(_org.Clock.GetUtcNow(), report.ProducedAt);
        Assert.Equal((Researcher, "Ruud Bakker", Manager), (report.Person.Id, report.Person.Name, report.Person.Manager));
        Assert.NotNull(report.Person.Protected);
        var shownExemption = Assert.Single(report.Exemptions);
        Assert.Equal((exemption.Id, "active", Manager), (shownExemption.Id, shownExemption.State, shownExemption.GrantedBy));
        var investigation = Assert.Single(report.Investigations);
        Assert.Equal((disclosed.Id, "approved", Purpose, LegalGround, Secretary), (investigation.Id, investigation.State, investigation.Purpose, investigation.LegalGround, investigation.DecidedBy));
        Assert.Equal(["shop.example"], investigation.Records.Select(r => r.Host));
        Assert.Equal("delete", Assert.Single(report.RightsRequests).Kind);

        // The log about them: the grant, the disclosed investigation, the manager's read with its purpose, the filing.
        Assert.All(report.GovernanceLog, e => Assert.DoesNotContain(deferred.Id.ToString(), e.Details, StringComparison.Ordinal));
        Assert.Contains(report.GovernanceLog, e => e.Action == "exemption_granted" && e.Actor == Manager);
        Assert.Contains(report.GovernanceLog, e => e.Action == "investigation_approved" && e.Details.Contains(disclosed.Id.ToString(), StringComparison.Ordinal));
        var read = Assert.Single(report.GovernanceLog, e => e.Action == "personal_data_read");
        Assert.Equal((Manager, "Marieke Jansen", ReviewPurpose), (read.Actor, read.ActorName, read.Purpose));
        Assert.Contains(report.GovernanceLog, e => e.Action == "rights_request_filed");
        Assert.DoesNotContain(report.GovernanceLog, e => e.Action == "investigation_report_read");
        Assert.Equal(report.GovernanceLog.Select(e => e.Sequence).Order(), report.GovernanceLog.Select(e => e.Sequence));

        // Reading one's own data needs no purpose and leaves no record.
        Assert.Equal(recordsBefore, _org.Records().Count);
    }

    [Fact]
    public void A_deferred_investigation_and_its_records_and_reads_appear_once_it_ended()
    {
        var deferred = ApprovedDeferred();
        _org.Clock.SetUtcNow(deferred.Start.AddHours(1));
        _org.Instance.Captures.Append(deferred.Id, _org.Clock.GetUtcNow(), "casino.example", "https://casino.example/poker", 400, 300, "gambling", "refuse");
        Assert.True(_org.Investigations.ReadReport(Actor.Api(SecurityOfficer), deferred.Id, ReportPurpose).Succeeded);

        _org.Clock.SetUtcNow(deferred.End.AddTicks(-1));
        var during = Report(Researcher);
        Assert.Empty(during.Investigations);
        Assert.DoesNotContain(during.GovernanceLog, e => e.Action.StartsWith("investigation", StringComparison.Ordinal));

        _org.Clock.SetUtcNow(deferred.End);
        var after = Report(Researcher);
        var shown = Assert.Single(after.Investigations);
        Assert.Equal(deferred.Id, shown.Id);
        Assert.Equal(["casino.example"], shown.Records.Select(r => r.Host));
        Assert.Equal(
            ["investigation_requested", "investigation_approved", "investigation_report_read"],
            after.GovernanceLog.Select(e => e.Action));
        var reportRead = after.GovernanceLog[2];
        Assert.Equal((SecurityOfficer, ReportPurpose), (reportRead.Actor, reportRead.Purpose));
    }

    [Fact]
    public void A_deferred_investigation_withdrawn_early_appears_from_the_withdrawal()
    {
        var deferred = ApprovedDeferred();
        _org.Clock.SetUtcNow(deferred.Start.AddDays(1));
        Assert.Empty(Report(Researcher).Investigations);

        Assert.True(_org.Investigations.Withdraw(Actor.Api(Manager), deferred.Id, "Suspicion cleared").Succeeded);

        var shown = Assert.Single(Report(Researcher).Investigations);
        Assert.Equal(("withdrawn", "Suspicion cleared"), (shown.State, shown.WithdrawalReason));
    }

    [Fact]
    public void An_investigation_awaiting_a_decision_is_not_shown_nor_its_request_record()
    {
        var requested = _org.Requested();

        var report = Report(Researcher);

        Assert.Empty(report.Investigations);
        Assert.DoesNotContain(report.GovernanceLog, e => e.Action == "investigation_requested");
        Assert.Equal(InvestigationState.Requested, _org.State.Investigations.Find(requested.Id)!.State);
    }

    [Fact]
    public void A_refused_investigation_is_shown_without_records()
    {
        var requested = _org.Requested();
        Assert.True(_org.Investigations.Refuse(Actor.Api(Secretary), requested.Id, "No concrete suspicion").Succeeded);

        var shown = Assert.Single(Report(Researcher).Investigations);

        Assert.Equal(("refused", "No concrete suspicion"), (shown.State, shown.RefusalReason));
        Assert.Empty(shown.Records);
    }

    [Fact]
    public void Each_person_sees_only_what_is_about_them()
    {
        _org.GrantResearch();
        _org.Approved();

        var colleague = Report(Colleague);

        Assert.Equal(Colleague, colleague.Person.Id);
        Assert.Empty(colleague.Exemptions);
        Assert.Empty(colleague.Investigations);
        Assert.All(colleague.GovernanceLog, e => Assert.DoesNotContain(Researcher, e.Details, StringComparison.Ordinal));
    }

    [Fact]
    public void A_works_council_member_sees_their_own_protected_role()
    {
        var report = Report(WorksCouncilMember);

        Assert.Equal(["works-council"], report.Person.Protected);
    }

    [Fact]
    public void Someone_not_in_the_directory_gets_no_report()
    {
        Refused.With(Access.Report(Actor.Api("x.onbekend")), ProblemKind.Forbidden, "actor");
        Refused.With(Access.Report(Actor.CommandLine(null)), ProblemKind.Forbidden, "actor");
    }

    [Fact]
    public void The_report_serialises_as_json_with_the_stored_action_names()
    {
        _org.GrantResearch();

        var json = JsonSerializer.Serialize(Report(Researcher), new JsonSerializerOptions(JsonSerializerDefaults.Web));

        var root = JsonDocument.Parse(json).RootElement;
        Assert.Equal(Researcher, root.GetProperty("person").GetProperty("id").GetString());
        Assert.Equal("exemption_granted", root.GetProperty("governanceLog")[0].GetProperty("action").GetString());
    }

    private SubjectAccessReport Report(string person)
    {
        var report = Access.Report(Actor.Api(person));
        Assert.True(report.Succeeded, report.Problem?.ToString());
        return report.Value;
    }

    private Investigation ApprovedDeferred()
    {
        var requested = _org.Requested();
        var approved = _org.Investigations.Approve(Actor.Api(Secretary), requested.Id, new InvestigationApprovalRequest(DeferDisclosure: true));
        Assert.True(approved.Succeeded, approved.Problem?.ToString());
        return approved.Value;
    }
}
