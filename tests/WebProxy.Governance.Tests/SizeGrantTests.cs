using WebProxy.Governance.Tests.Support;
using WebProxy.Storage;
using static WebProxy.Governance.Tests.Support.GovernanceFixture;
using static WebProxy.Testing.TestOrganisation;

namespace WebProxy.Governance.Tests;

/// <summary>
/// Oversized-transfer exemptions are the technical architect's to grant, to anyone; the subject's own manager may not.
/// </summary>
public sealed class SizeGrantTests : IDisposable
{
    private readonly GovernanceFixture _org = new();

    public void Dispose() => _org.Dispose();

    [Fact]
    public void The_technical_architect_grants_a_size_exemption_that_raises_the_subjects_limit()
    {
        var granted = _org.Exemptions.GrantSize(Actor.Api(Architect), Request());

        Assert.True(granted.Succeeded, granted.Problem?.ToString());
        Assert.Equal(5_000_000_000, _org.State.Exemptions.ActiveSizeLimit(Researcher, _org.Clock.GetUtcNow()));
        Assert.Null(_org.State.Exemptions.ActiveSizeLimit(Colleague, _org.Clock.GetUtcNow()));
        var record = Assert.Single(_org.Records());
        Assert.Equal((GovernanceAction.ExemptionGranted, Architect, Researcher), (record.Action, record.Actor, record.Subject));
    }

    [Fact]
    public void The_subjects_own_manager_may_not_grant_a_size_exemption()
    {
        Refused.With(_org.Exemptions.GrantSize(Actor.Api(Manager), Request()), ProblemKind.Forbidden, "grantedBy");

        Assert.Null(_org.Log.Head());
        Assert.Empty(_org.Instance.Store.Load().All);
    }

    private static SizeGrantRequest Request() =>
        new(Researcher, 5_000_000_000, null, Start.AddDays(14), "Consulted: delivery of the 2025 aerial photographs");
}
