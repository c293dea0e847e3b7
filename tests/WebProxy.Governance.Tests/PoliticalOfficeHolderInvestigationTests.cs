using WebProxy.Governance.Tests.Support;
using WebProxy.Policy.Investigations;
using WebProxy.Storage;
using static WebProxy.Governance.Tests.Support.GovernanceFixture;
using static WebProxy.Testing.TestOrganisation;

namespace WebProxy.Governance.Tests;

/// <summary>
/// Article 6.7: the mayor may order a defined monitoring of a political office holder; only the mayor approves it and
/// only the mayor reads the report. Content is not available on the mayor's approval alone (article 6.3).
/// </summary>
public sealed class PoliticalOfficeHolderInvestigationTests : IDisposable
{
    private const string ReadPurpose = "Preparing the mayor's decision on the integrity complaint";

    private readonly GovernanceFixture _org = new(WithAlderman);

    public void Dispose() => _org.Dispose();

    [Fact]
    public void Only_the_mayor_approves_and_only_the_mayor_reads()
    {
        var requested = Request();
        Assert.Equal(InvestigationKind.PoliticalOfficeHolder, requested.Kind);

        // The secretary may know of it (she sets legal holds), but she does not approve it.
        var problem = Refused.With(_org.Investigations.Approve(Actor.Api(Secretary), requested.Id, new InvestigationApprovalRequest()), ProblemKind.Forbidden, "decidedBy");
        Assert.Contains("only the mayor approves", problem.Reason, StringComparison.Ordinal);
        Assert.Single(_org.Records());

        var approved = _org.Investigations.Approve(Actor.Api(Mayor), requested.Id, new InvestigationApprovalRequest());
        Assert.True(approved.Succeeded, approved.Problem?.ToString());
        _org.Clock.Advance(TimeSpan.FromHours(2));
        _org.Instance.Captures.Append(requested.Id, _org.Clock.GetUtcNow(), "party.example", null, 2000, 400, null, "tunnel");

        var report = _org.Investigations.ReadReport(Actor.Api(Mayor), requested.Id, ReadPurpose);
        Assert.True(report.Succeeded, report.Problem?.ToString());
        Assert.Equal(["party.example"], report.Value.Records.Select(r => r.Host));

        Refused.With(_org.Investigations.ReadReport(Actor.Api(Secretary), requested.Id, ReadPurpose), ProblemKind.Forbidden, "reader");
        Refused.With(_org.Investigations.ReadReport(Actor.Api(SecurityOfficer), requested.Id, ReadPurpose), ProblemKind.Forbidden, "reader");
        Refused.With(_org.Investigations.ReadReport(Actor.Api(Manager), requested.Id, ReadPurpose), ProblemKind.NotFound, "id");
        Assert.Equal([Mayor], _org.Records(GovernanceAction.InvestigationReportRead).Select(r => r.Actor));
    }

    [Fact]
    public void Anyone_but_the_mayor_as_reader_is_refused_at_the_request()
    {
        var problem = Refused.With(
            _org.Investigations.Request(Actor.Api(SecurityOfficer), RequestBody() with { Readers = [Mayor, SecurityOfficer] }),
            ProblemKind.Forbidden, "readers");

        Assert.Contains("article 6.7", problem.Reason, StringComparison.Ordinal);
        Assert.Null(_org.Log.Head());
    }

    [Fact]
    public void Content_on_the_mayors_approval_alone_is_refused_at_the_request()
    {
        var problem = Refused.With(
            _org.Investigations.Request(Actor.Api(SecurityOfficer), RequestBody() with { Scope = "content" }),
            ProblemKind.Forbidden, "scope");

        Assert.Contains("article 6.3", problem.Reason, StringComparison.Ordinal);
        Assert.Null(_org.Log.Head());
    }

    [Fact]
    public void The_mayor_does_not_approve_an_investigation_of_an_employee()
    {
        var requested = _org.Investigations.Request(Actor.Api(SecurityOfficer),
            new InvestigationRequest(Researcher, "Suspected data leak", "Art. 6.2", "traffic", null, Start.AddDays(3), [SecurityOfficer, Mayor]));
        Assert.True(requested.Succeeded, requested.Problem?.ToString());

        Refused.With(_org.Investigations.Approve(Actor.Api(Mayor), requested.Value.Id, new InvestigationApprovalRequest()), ProblemKind.Forbidden, "decidedBy");
    }

    private Investigation Request()
    {
        var requested = _org.Investigations.Request(Actor.Api(SecurityOfficer), RequestBody());
        Assert.True(requested.Succeeded, requested.Problem?.ToString());
        return requested.Value;
    }

    private static InvestigationRequest RequestBody() =>
        new(Alderman, "Reasonable suspicion of leaking confidential council documents", "Art. 6.7 Privacyreglement", "traffic",
            Start.AddHours(1), Start.AddDays(5), [Mayor]);
}
