using WebProxy.Governance.Tests.Support;
using WebProxy.Policy.Identity;
using WebProxy.Policy.Investigations;
using static WebProxy.Governance.Tests.Support.InvestigationSteps;
using static WebProxy.Testing.TestOrganisation;

namespace WebProxy.Governance.Tests;

/// <summary>
/// With a fake clock: the subject's traffic is to be recorded only while the investigation is approved and inside its
/// window, in the approved scope, and it stops by itself at the end (articles 6.2, 6.3).
/// </summary>
public sealed class InvestigationCaptureWindowTests : IDisposable
{
    private readonly GovernanceFixture _org = new();

    public void Dispose() => _org.Dispose();

    [Fact]
    public void Recording_starts_at_the_start_and_stops_by_itself_at_the_end()
    {
        var requested = _org.Requested();
        Assert.Null(Scope(requested.Start));

        _org.Investigations.Approve(Actor.Api(Secretary), requested.Id, new InvestigationApprovalRequest());

        Assert.Null(Scope(_org.Clock.GetUtcNow()));
        _org.Clock.SetUtcNow(requested.Start.AddTicks(-1));
        Assert.Null(Scope(_org.Clock.GetUtcNow()));
        _org.Clock.SetUtcNow(requested.Start);
        Assert.Equal(InvestigationScope.Traffic, Scope(_org.Clock.GetUtcNow()));
        Assert.Null(_org.State.Investigations.ActiveFor(Colleague, _org.Clock.GetUtcNow()));
        _org.Clock.SetUtcNow(requested.End.AddTicks(-1));
        Assert.Equal(InvestigationScope.Traffic, Scope(_org.Clock.GetUtcNow()));
        _org.Clock.SetUtcNow(requested.End);
        Assert.Null(Scope(_org.Clock.GetUtcNow()));
        Assert.Null(_org.State.Investigations.NextChange(_org.Clock.GetUtcNow()));
    }

    [Fact]
    public void An_approval_after_the_start_records_from_the_approval_on()
    {
        var requested = _org.Requested();
        _org.Clock.SetUtcNow(requested.Start.AddDays(1));
        Assert.Null(Scope(_org.Clock.GetUtcNow()));

        _org.Investigations.Approve(Actor.Api(Secretary), requested.Id, new InvestigationApprovalRequest());

        Assert.Equal(InvestigationScope.Traffic, Scope(_org.Clock.GetUtcNow()));
        Assert.Null(Scope(requested.Start));
    }

    [Fact]
    public void An_approved_content_scope_asks_for_full_urls()
    {
        var approved = _org.Approved(_org.Request(scope: "content"));

        Assert.Equal(InvestigationScope.Content, Scope(approved.Start));
    }

    [Fact]
    public void A_withdrawal_stops_recording_at_once_and_cannot_be_repeated()
    {
        var approved = _org.Approved();
        _org.Clock.SetUtcNow(approved.Start.AddDays(2));

        Refused.With(_org.Investigations.Withdraw(Actor.Api(OtherManager), approved.Id, "Not mine"), ProblemKind.NotFound, "id");
        var withdrawn = _org.Investigations.Withdraw(Actor.Api(Manager), approved.Id, "The suspicion was cleared");

        Assert.True(withdrawn.Succeeded, withdrawn.Problem?.ToString());
        Assert.Equal(InvestigationState.Withdrawn, withdrawn.Value.State);
        Assert.Null(Scope(_org.Clock.GetUtcNow()));
        Assert.Equal(InvestigationScope.Traffic, Scope(_org.Clock.GetUtcNow().AddTicks(-1)));
        Refused.With(_org.Investigations.Withdraw(Actor.Api(Manager), approved.Id, null), ProblemKind.Conflict, "state");
        Assert.Single(_org.Records(Storage.GovernanceAction.InvestigationWithdrawn));
    }

    [Fact]
    public void A_subject_given_a_protected_role_during_the_investigation_is_no_longer_recorded()
    {
        var approved = _org.Approved();
        _org.GiveProtectedRole(Researcher, ProtectedRole.WorksCouncil);

        Assert.Equal(InvestigationScope.Traffic, Scope(approved.Start));
        Assert.Null(_org.State.Investigations.ActiveFor(Researcher, _org.State.Directory, approved.Start));
    }

    private InvestigationScope? Scope(DateTimeOffset at) => _org.State.Investigations.ActiveFor(Researcher, at);
}
