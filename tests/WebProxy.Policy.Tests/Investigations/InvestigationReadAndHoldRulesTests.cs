using WebProxy.Policy.Identity;
using WebProxy.Policy.Investigations;
using static WebProxy.Policy.Tests.Investigations.Town;

namespace WebProxy.Policy.Tests.Investigations;

/// <summary>Reports go only to the readers named in advance (the ombudsman case); legal holds only by the secretary (7.1).</summary>
public sealed class InvestigationReadAndHoldRulesTests
{
    [Fact]
    public void A_named_reader_reads_during_and_after_the_period()
    {
        var approved = Approved(Request());

        Assert.Null(InvestigationRules.ValidateRead(approved, Manager, approved.Start));
        Assert.Null(InvestigationRules.ValidateRead(approved, SecurityOfficer, approved.End.AddDays(30)));
        Assert.Null(InvestigationRules.ValidateRead(approved, SecurityOfficer, People, approved.End));
    }

    [Theory]
    [InlineData(Secretary)]
    [InlineData(OtherManager)]
    [InlineData(PrivacyOfficer)]
    [InlineData(Suspect)]
    [InlineData("")]
    public void Nobody_but_a_named_reader_reads_the_report(string reader)
    {
        var problem = InvestigationRules.ValidateRead(Approved(Request()), reader, Now);

        Assert.Equal((InvestigationProblemKind.Forbidden, "reader"), (problem?.Kind, problem?.Field));
    }

    [Fact]
    public void There_is_no_report_before_the_approval_nor_of_a_refused_investigation()
    {
        var requested = Request();
        Assert.Equal(InvestigationProblemKind.Conflict, InvestigationRules.ValidateRead(requested, Manager, Now)?.Kind);

        var refused = requested with { State = InvestigationState.Refused, DecidedBy = Secretary, DecidedAt = Now, RefusalReason = "No" };
        Assert.Equal(InvestigationProblemKind.Conflict, InvestigationRules.ValidateRead(refused, Manager, Now)?.Kind);

        var approvedLater = Approved(requested, at: Now.AddHours(2));
        Assert.Equal(InvestigationProblemKind.Conflict, InvestigationRules.ValidateRead(approvedLater, Manager, Now.AddHours(1))?.Kind);
    }

    [Fact]
    public void What_was_recorded_before_a_withdrawal_stays_readable()
    {
        var withdrawn = Approved(Request()) with { State = InvestigationState.Withdrawn, WithdrawnBy = Manager, WithdrawnAt = Now.AddDays(1) };

        Assert.True(withdrawn.WasApproved);
        Assert.Null(InvestigationRules.ValidateRead(withdrawn, Manager, Now.AddDays(2)));
    }

    [Fact]
    public void Only_a_sitting_mayor_reads_the_report_on_a_political_office_holder()
    {
        var approved = Approved(AldermanRequest(), by: Mayor);
        Assert.Null(InvestigationRules.ValidateRead(approved, Mayor, People, Now));

        var formerMayor = People.WithPerson(People.Find(Mayor)! with { Roles = new HashSet<Role> { Role.Employee } });
        var problem = InvestigationRules.ValidateRead(approved, Mayor, formerMayor, Now);

        Assert.Equal((InvestigationProblemKind.Forbidden, "reader"), (problem?.Kind, problem?.Field));
    }

    [Fact]
    public void Only_the_secretary_sets_a_legal_hold_with_a_reason_on_an_approved_investigation()
    {
        var approved = Approved(Request());

        Assert.Null(InvestigationRules.ValidateLegalHold(approved, Secretary, "Disciplinary case 2025-4", People));
        Assert.Equal((InvestigationProblemKind.Forbidden, "actor"), Describe(InvestigationRules.ValidateLegalHold(approved, Manager, "Case", People)));
        Assert.Equal((InvestigationProblemKind.Forbidden, "actor"), Describe(InvestigationRules.ValidateLegalHold(approved, Mayor, "Case", People)));
        Assert.Equal((InvestigationProblemKind.Invalid, "reason"), Describe(InvestigationRules.ValidateLegalHold(approved, Secretary, " ", People)));
        Assert.Equal((InvestigationProblemKind.Conflict, "state"), Describe(InvestigationRules.ValidateLegalHold(Request(), Secretary, "Case", People)));

        var held = approved with { LegalHold = new LegalHold("Case", Secretary, Now) };
        Assert.True(held.IsOnLegalHold);
        Assert.Equal((InvestigationProblemKind.Conflict, "legalHold"), Describe(InvestigationRules.ValidateLegalHold(held, Secretary, "Again", People)));
    }

    [Fact]
    public void Only_the_secretary_releases_a_hold_in_force_with_a_reason()
    {
        var held = Approved(Request()) with { LegalHold = new LegalHold("Case", Secretary, Now) };

        Assert.Null(InvestigationRules.ValidateLegalHoldRelease(held, Secretary, "Case closed", People));
        Assert.Equal((InvestigationProblemKind.Forbidden, "actor"), Describe(InvestigationRules.ValidateLegalHoldRelease(held, Manager, "Closed", People)));
        Assert.Equal((InvestigationProblemKind.Invalid, "reason"), Describe(InvestigationRules.ValidateLegalHoldRelease(held, Secretary, null, People)));

        var released = held with { LegalHold = held.LegalHold! with { ReleasedAt = Now.AddDays(1), ReleasedBy = Secretary, ReleaseReason = "Closed" } };
        Assert.False(released.IsOnLegalHold);
        Assert.Equal((InvestigationProblemKind.Conflict, "legalHold"), Describe(InvestigationRules.ValidateLegalHoldRelease(released, Secretary, "Again", People)));
        Assert.Null(InvestigationRules.ValidateLegalHold(released, Secretary, "Reopened", People));
    }

    private static (InvestigationProblemKind?, string?) Describe(InvestigationProblem? problem) => (problem?.Kind, problem?.Field);
}
