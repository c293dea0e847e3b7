using System.Text.Json;
using WebProxy.Governance.Tests.Support;
using WebProxy.Policy.Identity;
using WebProxy.Policy.Investigations;
using WebProxy.Storage;
using static WebProxy.Governance.Tests.Support.GovernanceFixture;
using static WebProxy.Governance.Tests.Support.InvestigationSteps;
using static WebProxy.Testing.TestOrganisation;

namespace WebProxy.Governance.Tests;

/// <summary>
/// The municipal secretary approves (6.2, 6.3); never the requester; content only with her approval; a person given a
/// protected role after the request is refused at the approval, recorded without being named (6.6).
/// </summary>
public sealed class InvestigationApprovalTests : IDisposable
{
    private readonly GovernanceFixture _org = new();

    public void Dispose() => _org.Dispose();

    [Fact]
    public void The_secretary_approves_with_one_record_and_the_proxy_sees_it_at_once()
    {
        var requested = _org.Requested();

        var approved = _org.Investigations.Approve(Actor.Api(Secretary), requested.Id, new InvestigationApprovalRequest(DeferDisclosure: true));

        Assert.True(approved.Succeeded, approved.Problem?.ToString());
        Assert.Equal((InvestigationState.Approved, Secretary, Start, true),
            (approved.Value.State, approved.Value.DecidedBy, approved.Value.DecidedAt, approved.Value.DeferDisclosure));
        var record = _org.Records(GovernanceAction.InvestigationApproved).Single();
        Assert.Equal((Secretary, Researcher), (record.Actor, record.Subject));
        var details = JsonDocument.Parse(record.Details).RootElement;
        Assert.Equal(requested.Id, details.GetProperty("investigation").GetGuid());
        Assert.True(details.GetProperty("deferDisclosure").GetBoolean());
        Assert.Equal(InvestigationScope.Traffic, _org.State.Investigations.ActiveFor(Researcher, requested.Start));
    }

    [Fact]
    public void The_requester_cannot_approve_their_own_request()
    {
        // The secretary is a manager too, so she may request; then nobody may approve it but another secretary.
        var requested = _org.Requested(requester: Secretary);

        var problem = Refused.With(_org.Investigations.Approve(Actor.Api(Secretary), requested.Id, new InvestigationApprovalRequest()), ProblemKind.Forbidden, "decidedBy");

        Assert.Contains("the requester and the approver must be different people", problem.Reason, StringComparison.Ordinal);
        Assert.Single(_org.Records());
        Assert.Equal(InvestigationState.Requested, _org.Instance.InvestigationStore.Load().Find(requested.Id)!.State);
    }

    [Fact]
    public void Content_approved_by_anyone_but_the_secretary_is_refused_with_a_clear_message()
    {
        // The security officer is a named reader, so she may know of the request; she may not approve it.
        var requested = _org.Requested(_org.Request(scope: "content"));

        var problem = Refused.With(_org.Investigations.Approve(Actor.Api(SecurityOfficer), requested.Id, new InvestigationApprovalRequest()), ProblemKind.Forbidden, "decidedBy");

        Assert.Contains("recording content (full URLs) needs the municipal secretary's prior approval (article 6.3)", problem.Reason, StringComparison.Ordinal);
        Assert.Single(_org.Records());
        Assert.Null(_org.State.Investigations.ActiveFor(Researcher, requested.Start));
    }

    [Fact]
    public void Someone_who_may_not_know_of_the_request_is_told_it_does_not_exist()
    {
        var requested = _org.Requested();

        Refused.With(_org.Investigations.Approve(Actor.Api(OtherManager), requested.Id, new InvestigationApprovalRequest()), ProblemKind.NotFound, "id");
        Refused.With(_org.Investigations.Approve(Actor.Api(Mayor), requested.Id, new InvestigationApprovalRequest()), ProblemKind.NotFound, "id");
        Refused.With(_org.Investigations.Approve(Actor.Api(Researcher), requested.Id, new InvestigationApprovalRequest()), ProblemKind.NotFound, "id");
        Refused.With(_org.Investigations.Approve(Actor.Api(Secretary), Guid.NewGuid(), new InvestigationApprovalRequest()), ProblemKind.NotFound, "id");
        Assert.Single(_org.Records());
    }

    [Fact]
    public void A_decided_investigation_cannot_be_decided_again()
    {
        var approved = _org.Approved();

        Refused.With(_org.Investigations.Approve(Actor.Api(Secretary), approved.Id, new InvestigationApprovalRequest()), ProblemKind.Conflict, "state");
        Refused.With(_org.Investigations.Refuse(Actor.Api(Secretary), approved.Id, "Too late"), ProblemKind.Conflict, "state");
        Assert.Equal(2, _org.Records().Count);
    }

    [Fact]
    public void A_person_given_a_protected_role_after_the_request_is_refused_at_approval_and_not_named_in_the_refusal()
    {
        var requested = _org.Requested(_org.Request(subject: Colleague));
        _org.GiveProtectedRole(Colleague, ProtectedRole.GoMember);

        var problem = Refused.With(_org.Investigations.Approve(Actor.Api(Secretary), requested.Id, new InvestigationApprovalRequest()), ProblemKind.Forbidden, "subject");

        Assert.Contains("article 6.6", problem.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(Colleague, problem.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Eva Visser", problem.ToString(), StringComparison.OrdinalIgnoreCase);

        // Refused for good, with the fixed reason; nothing will be recorded about her.
        var stored = _org.Instance.InvestigationStore.Load().Find(requested.Id)!;
        Assert.Equal((InvestigationState.Refused, Secretary, InvestigationRules.ProtectedSubjectReason), (stored.State, stored.DecidedBy, stored.RefusalReason));
        Assert.Null(_org.State.Investigations.ActiveFor(Colleague, requested.Start));

        // The refusal record is about nobody and carries neither her id nor the request's free text.
        var refusal = _org.Records(GovernanceAction.InvestigationRefused).Single();
        Assert.Equal((Secretary, null, null), (refusal.Actor, refusal.Subject, refusal.Purpose));
        Assert.DoesNotContain(Colleague, refusal.Details, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Eva Visser", refusal.Details, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Purpose, refusal.Details, StringComparison.Ordinal);
        Assert.Equal(requested.Id, JsonDocument.Parse(refusal.Details).RootElement.GetProperty("investigation").GetGuid());

        // Only the request (made while she was not protected) names her; no record after it does, and her name is in no byte.
        Assert.Equal([Colleague, null], _org.Records().Select(r => r.Subject));
        var bytes = _org.GovernanceBytes();
        Assert.True(Contains(bytes, Colleague)); // the scan does see what is there: the request's record and row
        Assert.False(Contains(bytes, "Eva Visser"));
        Assert.True(_org.Log.Verify().IsValid);
    }

    [Fact]
    public void The_secretarys_own_refusal_of_a_person_protected_by_now_is_recorded_without_them()
    {
        var requested = _org.Requested(_org.Request(subject: Colleague));
        _org.GiveProtectedRole(Colleague, ProtectedRole.Mediator);

        var refused = _org.Investigations.Refuse(Actor.Api(Secretary), requested.Id, "Eva Visser is a mediator now");

        Assert.True(refused.Succeeded, refused.Problem?.ToString());
        Assert.Equal(InvestigationRules.ProtectedSubjectReason, refused.Value.RefusalReason);
        var record = _org.Records(GovernanceAction.InvestigationRefused).Single();
        Assert.Null(record.Subject);
        Assert.DoesNotContain("Eva Visser", record.Details, StringComparison.Ordinal);
        Assert.False(Contains(_org.GovernanceBytes(), "Eva Visser"));
    }

    [Fact]
    public void The_secretary_refuses_with_a_reason_recorded_with_the_subject()
    {
        var requested = _org.Requested();

        Refused.With(_org.Investigations.Refuse(Actor.Api(Secretary), requested.Id, " "), ProblemKind.Invalid, "reason");
        var refused = _org.Investigations.Refuse(Actor.Api(Secretary), requested.Id, "  Not proportional: talk to him first ");

        Assert.True(refused.Succeeded, refused.Problem?.ToString());
        Assert.Equal((InvestigationState.Refused, "Not proportional: talk to him first"), (refused.Value.State, refused.Value.RefusalReason));
        var record = _org.Records(GovernanceAction.InvestigationRefused).Single();
        Assert.Equal(Researcher, record.Subject);
        Assert.Equal("Not proportional: talk to him first", JsonDocument.Parse(record.Details).RootElement.GetProperty("reason").GetString());
        Assert.Null(_org.State.Investigations.ActiveFor(Researcher, requested.Start));
    }

    [Fact]
    public void A_decision_made_by_another_process_is_picked_up_on_refresh()
    {
        var requested = _org.Requested();
        using var commandLine = _org.OpenAnotherInstance();

        Assert.True(commandLine.Investigations.Approve(Actor.CommandLine(Secretary), requested.Id, new InvestigationApprovalRequest()).Succeeded);
        Assert.Equal(InvestigationState.Requested, _org.State.Investigations.Find(requested.Id)!.State);

        _org.State.Refresh();

        Assert.Equal(InvestigationState.Approved, _org.State.Investigations.Find(requested.Id)!.State);
    }
}
