using System.Text.Json;
using WebProxy.Governance.Tests.Support;
using WebProxy.Storage;
using static WebProxy.Governance.Tests.Support.InvestigationSteps;
using static WebProxy.Testing.TestOrganisation;

namespace WebProxy.Governance.Tests;

/// <summary>Article 7.1: only the municipal secretary keeps an investigation's records longer, with a reason, until she releases them.</summary>
public sealed class LegalHoldTests : IDisposable
{
    private readonly GovernanceFixture _org = new();

    public void Dispose() => _org.Dispose();

    [Fact]
    public void The_secretary_sets_and_releases_a_hold_each_with_a_reason_and_a_record()
    {
        var approved = _org.Approved();

        var held = _org.Investigations.SetLegalHold(Actor.Api(Secretary), approved.Id, "  Disciplinary case 2025-4 ");

        Assert.True(held.Succeeded, held.Problem?.ToString());
        Assert.Equal(("Disciplinary case 2025-4", Secretary), (held.Value.LegalHold!.Reason, held.Value.LegalHold.SetBy));
        Assert.Equal([approved.Id], _org.State.Investigations.OnLegalHold);
        var set = _org.Records(GovernanceAction.LegalHoldSet).Single();
        Assert.Equal((Secretary, Researcher), (set.Actor, set.Subject));
        Assert.Equal("Disciplinary case 2025-4", JsonDocument.Parse(set.Details).RootElement.GetProperty("reason").GetString());
        Refused.With(_org.Investigations.SetLegalHold(Actor.Api(Secretary), approved.Id, "Again"), ProblemKind.Conflict, "legalHold");

        _org.Clock.Advance(TimeSpan.FromDays(200));
        var released = _org.Investigations.ReleaseLegalHold(Actor.Api(Secretary), approved.Id, "Case closed");

        Assert.True(released.Succeeded, released.Problem?.ToString());
        Assert.False(released.Value.IsOnLegalHold);
        Assert.Empty(_org.State.Investigations.OnLegalHold);
        Assert.Single(_org.Records(GovernanceAction.LegalHoldReleased));
    }

    [Theory]
    [InlineData(Manager, ProblemKind.Forbidden, "actor")]          // the requester, who may know of it
    [InlineData(SecurityOfficer, ProblemKind.Forbidden, "actor")]  // a named reader
    [InlineData(PrivacyOfficer, ProblemKind.Forbidden, "actor")]
    [InlineData(OtherManager, ProblemKind.NotFound, "id")]
    public void Nobody_but_the_secretary_sets_a_hold_and_a_refusal_writes_nothing(string actor, ProblemKind kind, string field)
    {
        var approved = _org.Approved();
        var before = _org.Records().Count;

        Refused.With(_org.Investigations.SetLegalHold(Actor.Api(actor), approved.Id, "Keep it"), kind, field);

        Assert.Equal(before, _org.Records().Count);
        Assert.Empty(_org.State.Investigations.OnLegalHold);
    }

    [Fact]
    public void A_hold_needs_a_reason_and_an_approved_investigation()
    {
        var requested = _org.Requested();
        Refused.With(_org.Investigations.SetLegalHold(Actor.Api(Secretary), requested.Id, "Keep it"), ProblemKind.Conflict, "state");

        _org.Investigations.Approve(Actor.Api(Secretary), requested.Id, new InvestigationApprovalRequest());
        Refused.With(_org.Investigations.SetLegalHold(Actor.Api(Secretary), requested.Id, null), ProblemKind.Invalid, "reason");
        Refused.With(_org.Investigations.ReleaseLegalHold(Actor.Api(Secretary), requested.Id, "Nothing held"), ProblemKind.Conflict, "legalHold");

        Assert.Empty(_org.Records(GovernanceAction.LegalHoldSet));
        Assert.Empty(_org.Records(GovernanceAction.LegalHoldReleased));
    }
}
