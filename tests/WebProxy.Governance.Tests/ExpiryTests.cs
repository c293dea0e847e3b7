using WebProxy.Governance.Tests.Support;
using WebProxy.Storage;
using static WebProxy.Testing.TestOrganisation;

namespace WebProxy.Governance.Tests;

/// <summary>
/// An exemption that runs to its end stops applying and gets exactly one <c>exemption_expired</c> record; a revoked
/// one never does, its revocation being its last record.
/// </summary>
public sealed class ExpiryTests : IDisposable
{
    private readonly GovernanceFixture _org = new();

    public void Dispose() => _org.Dispose();

    [Fact]
    public void An_exemption_past_its_end_is_recorded_as_expired_once()
    {
        _org.GrantResearch(days: 7);
        _org.Clock.Advance(TimeSpan.FromDays(7));

        Assert.Equal(1, _org.Exemptions.RecordExpiries());
        Assert.Equal(0, _org.Exemptions.RecordExpiries());

        var record = Assert.Single(_org.Records(GovernanceAction.ExemptionExpired));
        Assert.Equal((Actor.SystemId, Researcher), (record.Actor, record.Subject));
        Assert.Empty(_org.State.Exemptions.ActiveResearchCategories(Researcher, _org.Clock.GetUtcNow()));
    }

    [Fact]
    public void Nothing_expires_before_the_end()
    {
        _org.GrantResearch(days: 7);
        _org.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));

        Assert.Equal(0, _org.Exemptions.RecordExpiries());
        Assert.NotEmpty(_org.State.Exemptions.ActiveResearchCategories(Researcher, _org.Clock.GetUtcNow()));
    }

    [Fact]
    public void A_revoked_exemption_never_gets_an_expiry_record()
    {
        var exemption = _org.GrantResearch(days: 7);
        _org.Exemptions.Revoke(Actor.Api(Manager), exemption.Id, null);
        _org.Clock.Advance(TimeSpan.FromDays(8));

        Assert.Equal(0, _org.Exemptions.RecordExpiries());
        Assert.Empty(_org.Records(GovernanceAction.ExemptionExpired));
    }
}
