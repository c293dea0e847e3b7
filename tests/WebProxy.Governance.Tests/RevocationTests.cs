using System.Text.Json;
using WebProxy.Governance.Tests.Support;
using WebProxy.Storage;
using static WebProxy.Governance.Tests.Support.GovernanceFixture;
using static WebProxy.Testing.TestOrganisation;

namespace WebProxy.Governance.Tests;

/// <summary>
/// The grantor, the privacy officer and the managers higher in the subject's line may revoke; the revocation applies
/// at once and is recorded. The subject may not, another team's manager cannot even see it, and nothing is revoked
/// twice.
/// </summary>
public sealed class RevocationTests : IDisposable
{
    private readonly GovernanceFixture _org = new();

    public void Dispose() => _org.Dispose();

    [Theory]
    [InlineData(Manager)]
    [InlineData(PrivacyOfficer)]
    [InlineData(Secretary)]
    public void The_grantor_the_privacy_officer_and_a_manager_higher_up_may_revoke(string revoker)
    {
        var exemption = _org.GrantResearch();

        var revoked = _org.Exemptions.Revoke(Actor.Api(revoker), exemption.Id, "Investigation closed");

        Assert.True(revoked.Succeeded, revoked.Problem?.ToString());
        Assert.Equal((revoker, (DateTimeOffset?)Start), (revoked.Value.RevokedBy, revoked.Value.RevokedAt));
        var record = Assert.Single(_org.Records(GovernanceAction.ExemptionRevoked));
        Assert.Equal((revoker, Researcher), (record.Actor, record.Subject));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("Investigation closed"u8)),
            JsonDocument.Parse(record.Details).RootElement.GetProperty("revokeReasonSha256").GetString());
        Assert.DoesNotContain("Investigation closed", record.Details, StringComparison.Ordinal);
    }

    [Fact]
    public void A_revocation_applies_at_the_same_instant()
    {
        var exemption = _org.GrantResearch();

        _org.Exemptions.Revoke(Actor.Api(Manager), exemption.Id, null);

        Assert.Empty(_org.State.Exemptions.ActiveResearchCategories(Researcher, _org.Clock.GetUtcNow()));
    }

    [Fact]
    public void The_subject_may_not_revoke_their_own_exemption()
    {
        var exemption = _org.GrantResearch();

        Refused.With(_org.Exemptions.Revoke(Actor.Api(Researcher), exemption.Id, null), ProblemKind.Forbidden, "revokedBy");

        Assert.Empty(_org.Records(GovernanceAction.ExemptionRevoked));
    }

    [Fact]
    public void Another_teams_manager_is_told_the_exemption_does_not_exist()
    {
        var exemption = _org.GrantResearch();

        Refused.With(_org.Exemptions.Revoke(Actor.Api(OtherManager), exemption.Id, null), ProblemKind.NotFound, "id");

        Assert.Empty(_org.Records(GovernanceAction.ExemptionRevoked));
    }

    [Fact]
    public void A_second_revocation_is_a_conflict_and_writes_nothing()
    {
        var exemption = _org.GrantResearch();
        _org.Exemptions.Revoke(Actor.Api(Manager), exemption.Id, null);

        Refused.With(_org.Exemptions.Revoke(Actor.Api(PrivacyOfficer), exemption.Id, null), ProblemKind.Conflict, "revokedAt");

        Assert.Single(_org.Records(GovernanceAction.ExemptionRevoked));
    }
}
