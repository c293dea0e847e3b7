using WebProxy.Governance.Tests.Support;
using WebProxy.Policy.Exemptions;
using WebProxy.Storage;
using static WebProxy.Governance.Tests.Support.GovernanceFixture;
using static WebProxy.Testing.TestOrganisation;

namespace WebProxy.Governance.Tests;

/// <summary>
/// Who sees which exemptions (AdminAccess), and that seeing someone else's is a read of personal data: it needs a
/// purpose and leaves one record per person read about, while seeing one's own needs neither.
/// </summary>
public sealed class ExemptionListTests : IDisposable
{
    private const string Purpose = "Quarterly review of my team's exemptions";

    private readonly GovernanceFixture _org = new();

    public void Dispose() => _org.Dispose();

    [Fact]
    public void The_subject_sees_their_own_without_a_purpose_and_leaves_no_record()
    {
        var own = _org.GrantResearch(Researcher);
        _org.GrantResearch(Colleague);
        var head = _org.Log.Head();

        var listed = _org.Exemptions.List(Actor.Api(Researcher), new ExemptionQuery(), purpose: null);

        Assert.True(listed.Succeeded, listed.Problem?.ToString());
        Assert.Equal([own.Id], listed.Value.Select(e => e.Id));
        Assert.Equal(head, _org.Log.Head());
    }

    [Fact]
    public void A_manager_sees_the_teams_with_a_purpose_and_leaves_one_record_per_person()
    {
        _org.GrantResearch(Researcher);
        _org.GrantResearch(Researcher, days: 60);
        _org.GrantResearch(Colleague);
        _org.GrantResearch(OtherEmployee, grantor: OtherManager);

        var listed = _org.Exemptions.List(Actor.Api(Manager), new ExemptionQuery(), Purpose);

        Assert.True(listed.Succeeded, listed.Problem?.ToString());
        Assert.Equal([Researcher, Researcher, Colleague], listed.Value.Select(e => e.SubjectId));
        var reads = _org.Records(GovernanceAction.PersonalDataRead);
        Assert.Equal([Researcher, Colleague], reads.Select(r => r.Subject));
        Assert.All(reads, r => Assert.Equal((Manager, Purpose), (r.Actor, r.Purpose)));
    }

    [Fact]
    public void A_manager_without_a_purpose_is_refused_and_leaves_no_record()
    {
        _org.GrantResearch(Researcher);
        var head = _org.Log.Head();

        Refused.With(_org.Exemptions.List(Actor.Api(Manager), new ExemptionQuery(), "  "), ProblemKind.Invalid, "purpose");

        Assert.Equal(head, _org.Log.Head());
    }

    [Fact]
    public void The_technical_architect_sees_size_exemptions_only()
    {
        _org.GrantResearch(Researcher);
        var size = _org.Exemptions.GrantSize(Actor.Api(Architect),
            new SizeGrantRequest(Colleague, null, null, Start.AddDays(3), "Consulted: video archive transfer"));

        var listed = _org.Exemptions.List(Actor.Api(Architect), new ExemptionQuery(), Purpose);

        Assert.True(listed.Succeeded, listed.Problem?.ToString());
        var seen = Assert.Single(listed.Value);
        Assert.IsType<SizeExemption>(seen);
        Assert.Equal(size.Value!.Id, seen.Id);
    }

    [Fact]
    public void Another_teams_manager_sees_none()
    {
        _org.GrantResearch(Researcher);

        var listed = _org.Exemptions.List(Actor.Api(OtherManager), new ExemptionQuery(), Purpose);

        Assert.True(listed.Succeeded, listed.Problem?.ToString());
        Assert.Empty(listed.Value);
        Assert.Empty(_org.Records(GovernanceAction.PersonalDataRead));
    }
}
