using WebProxy.Policy.Identity;
using WebProxy.Policy.Investigations;
using static WebProxy.Policy.Tests.Investigations.Town;

namespace WebProxy.Policy.Tests.Investigations;

/// <summary>Who approves (6.2, 6.3, 6.7), the protected-role check again at the approval (6.6), refusal and withdrawal.</summary>
public sealed class InvestigationDecisionRulesTests
{
    [Fact]
    public void The_municipal_secretary_approves_a_regular_investigation_in_either_scope()
    {
        Assert.Null(InvestigationRules.ValidateApproval(Request(), Secretary, People, Now));
        Assert.Null(InvestigationRules.ValidateApproval(Request(scope: InvestigationScope.Content), Secretary, People, Now));
    }

    [Theory]
    [InlineData(OtherManager)]
    [InlineData(SecurityOfficer)]
    [InlineData(PrivacyOfficer)]
    [InlineData(Mayor)]
    public void Nobody_but_the_secretary_approves_a_regular_investigation(string approver)
    {
        var problem = InvestigationRules.ValidateApproval(Request(requestedBy: Manager), approver, People, Now);

        Assert.Equal((InvestigationProblemKind.Forbidden, "decidedBy"), (problem?.Kind, problem?.Field));
        Assert.Contains("municipal secretary", problem!.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SecurityOfficer)]
    [InlineData(Mayor)]
    public void Content_without_the_secretarys_approval_is_refused_with_article_6_3(string approver)
    {
        var problem = InvestigationRules.ValidateApproval(Request(scope: InvestigationScope.Content), approver, People, Now);

        Assert.Equal((InvestigationProblemKind.Forbidden, "decidedBy"), (problem?.Kind, problem?.Field));
        Assert.Contains("content (full URLs) needs the municipal secretary's prior approval (article 6.3)", problem!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_requester_cannot_approve_their_own_request()
    {
        // The secretary is a manager too, so she may request; then someone else must approve, and nobody else may.
        var investigation = Request(requestedBy: Secretary);
        Assert.Null(Check.ValidateRequest(investigation, People, Now));

        var problem = InvestigationRules.ValidateApproval(investigation, Secretary, People, Now);

        Assert.Equal((InvestigationProblemKind.Forbidden, "decidedBy"), (problem?.Kind, problem?.Field));
        Assert.Contains("must be different people", problem!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_mayor_approves_an_investigation_of_a_political_office_holder()
    {
        var investigation = AldermanRequest();

        Assert.Null(InvestigationRules.ValidateApproval(investigation, Mayor, People, Now));
        var problem = InvestigationRules.ValidateApproval(investigation, Secretary, People, Now);
        Assert.Equal((InvestigationProblemKind.Forbidden, "decidedBy"), (problem?.Kind, problem?.Field));
        Assert.Contains("only the mayor approves", problem!.Reason, StringComparison.Ordinal);
        Assert.Equal(Role.Mayor, InvestigationRules.ApprovingRole(investigation));
    }

    [Theory]
    [InlineData(ProtectedRole.WorksCouncil)]
    [InlineData(ProtectedRole.CompanyDoctor)]
    public void A_subject_given_a_protected_role_after_the_request_is_refused_at_approval_without_being_named(ProtectedRole role)
    {
        var investigation = Request();
        Assert.Null(Check.ValidateRequest(investigation, People, Now));

        var problem = InvestigationRules.ValidateApproval(investigation, Secretary, WithProtected(Suspect, role), Now.AddHours(1));

        Assert.NotNull(problem);
        Assert.Equal((InvestigationProblemKind.Forbidden, "subject", true), (problem.Kind, problem.Field, problem.IsProtectedSubject));
        Assert.DoesNotContain(Suspect, problem.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(NameOf(Suspect), problem.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Who_approves_is_checked_before_the_subject_so_nobody_else_learns_of_the_protected_role()
    {
        var problem = InvestigationRules.ValidateApproval(Request(), OtherManager, WithProtected(Suspect, ProtectedRole.Mediator), Now);

        Assert.Equal(("decidedBy", false), (problem?.Field, problem?.IsProtectedSubject));
    }

    [Fact]
    public void An_alderman_who_became_an_office_holder_after_the_request_needs_a_new_request()
    {
        var investigation = Request();
        var directory = WithProtected(Suspect, ProtectedRole.PoliticalOfficeHolder);

        var problem = InvestigationRules.ValidateApproval(investigation, Secretary, directory, Now);

        Assert.Equal((InvestigationProblemKind.Conflict, "kind"), (problem?.Kind, problem?.Field));
    }

    [Fact]
    public void A_decided_or_ended_investigation_cannot_be_approved()
    {
        var approved = Approved(Request());
        Assert.Equal((InvestigationProblemKind.Conflict, "state"), Describe(InvestigationRules.ValidateApproval(approved, Secretary, People, Now)));

        var investigation = Request();
        Assert.Equal((InvestigationProblemKind.Conflict, "end"), Describe(InvestigationRules.ValidateApproval(investigation, Secretary, People, investigation.End)));
    }

    [Fact]
    public void A_subject_who_left_the_directory_cannot_be_approved()
    {
        var problem = InvestigationRules.ValidateApproval(Request(subject: Colleague), Secretary, People.WithoutPerson(Colleague), Now);

        Assert.Equal((InvestigationProblemKind.Conflict, "subject"), Describe(problem));
    }

    [Fact]
    public void The_approver_refuses_with_a_reason()
    {
        Assert.Null(InvestigationRules.ValidateRefusal(Request(), Secretary, "Not proportional", People));
        Assert.Equal((InvestigationProblemKind.Invalid, "reason"), Describe(InvestigationRules.ValidateRefusal(Request(), Secretary, " ", People)));
        Assert.Equal((InvestigationProblemKind.Forbidden, "decidedBy"), Describe(InvestigationRules.ValidateRefusal(Request(), OtherManager, "No", People)));
        Assert.Equal((InvestigationProblemKind.Forbidden, "decidedBy"), Describe(InvestigationRules.ValidateRefusal(AldermanRequest(), Secretary, "No", People)));
        Assert.Null(InvestigationRules.ValidateRefusal(AldermanRequest(), Mayor, "No", People));
    }

    [Fact]
    public void The_requester_or_the_approving_role_withdraws_until_the_end()
    {
        var requested = Request();
        Assert.Null(InvestigationRules.ValidateWithdrawal(requested, Manager, People, Now));
        Assert.Null(InvestigationRules.ValidateWithdrawal(requested, Secretary, People, Now));
        Assert.Equal((InvestigationProblemKind.Forbidden, "withdrawnBy"), Describe(InvestigationRules.ValidateWithdrawal(requested, OtherManager, People, Now)));
        Assert.Equal((InvestigationProblemKind.Forbidden, "withdrawnBy"), Describe(InvestigationRules.ValidateWithdrawal(AldermanRequest(), Secretary, People, Now)));

        var approved = Approved(requested);
        Assert.Null(InvestigationRules.ValidateWithdrawal(approved, Manager, People, approved.End.AddTicks(-1)));
        Assert.Equal((InvestigationProblemKind.Conflict, "end"), Describe(InvestigationRules.ValidateWithdrawal(approved, Manager, People, approved.End)));

        var refused = requested with { State = InvestigationState.Refused, DecidedBy = Secretary, DecidedAt = Now, RefusalReason = "No" };
        Assert.Equal((InvestigationProblemKind.Conflict, "state"), Describe(InvestigationRules.ValidateWithdrawal(refused, Manager, People, Now)));
    }

    [Fact]
    public void The_subject_learns_of_an_approved_investigation_at_once_unless_the_approver_deferred_it()
    {
        var requested = Request();
        Assert.False(InvestigationRules.IsDisclosedToSubject(requested, Now));

        Assert.True(InvestigationRules.IsDisclosedToSubject(Approved(requested), Now));

        var deferred = Approved(requested, defer: true);
        Assert.False(InvestigationRules.IsDisclosedToSubject(deferred, deferred.End.AddTicks(-1)));
        Assert.True(InvestigationRules.IsDisclosedToSubject(deferred, deferred.End));

        var refused = requested with { State = InvestigationState.Refused, DecidedBy = Secretary, DecidedAt = Now, RefusalReason = "No" };
        Assert.True(InvestigationRules.IsDisclosedToSubject(refused, Now));
    }

    private static (InvestigationProblemKind?, string?) Describe(InvestigationProblem? problem) => (problem?.Kind, problem?.Field);
}
