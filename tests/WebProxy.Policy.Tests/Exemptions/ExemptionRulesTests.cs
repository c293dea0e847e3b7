using WebProxy.Policy.Exemptions;
using WebProxy.Policy.Rules;
using static WebProxy.Policy.Tests.Exemptions.Organisation;

namespace WebProxy.Policy.Tests.Exemptions;

public sealed class ExemptionRulesTests
{
    private static void AssertRefused(ExemptionProblem? problem, ExemptionProblemKind kind, string field)
    {
        Assert.NotNull(problem);
        Assert.Equal(kind, problem.Kind);
        Assert.Equal(field, problem.Field);
        Assert.False(string.IsNullOrWhiteSpace(problem.Reason));
    }

    [Fact]
    public void The_direct_manager_grants_a_research_exemption_to_a_team_member()
    {
        Assert.Null(Check.ValidateGrant(Research(), People, Now));
    }

    [Fact]
    public void Nobody_grants_a_research_exemption_to_themselves()
    {
        var problem = Check.ValidateGrant(Research(subject: ManagerP, grantedBy: ManagerP), People, Now);
        AssertRefused(problem, ExemptionProblemKind.Forbidden, "grantedBy");
        Assert.Contains("themselves", problem!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_manager_of_another_team_is_refused()
    {
        var problem = Check.ValidateGrant(Research(grantedBy: ManagerS), People, Now);
        AssertRefused(problem, ExemptionProblemKind.Forbidden, "grantedBy");
        Assert.Contains($"is managed by '{ManagerP}'", problem!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_manager_higher_up_the_line_is_refused_because_only_the_direct_manager_grants()
    {
        AssertRefused(Check.ValidateGrant(Research(grantedBy: Secretary), People, Now), ExemptionProblemKind.Forbidden, "grantedBy");
        // ...but the secretary does grant to the managers she manages directly.
        Assert.Null(Check.ValidateGrant(Research(subject: ManagerP, grantedBy: Secretary), People, Now));
    }

    [Fact]
    public void A_grantor_without_the_manager_role_is_refused()
    {
        var problem = Check.ValidateGrant(Research(subject: Researcher, grantedBy: Colleague), People, Now);
        AssertRefused(problem, ExemptionProblemKind.Forbidden, "grantedBy");
        Assert.Contains("not a manager", problem!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_top_of_the_line_has_no_manager_so_nobody_grants_them_a_research_exemption()
    {
        AssertRefused(Check.ValidateGrant(Research(subject: Secretary, grantedBy: ManagerP), People, Now), ExemptionProblemKind.Forbidden, "grantedBy");
    }

    [Fact]
    public void An_unknown_subject_or_grantor_is_invalid()
    {
        AssertRefused(Check.ValidateGrant(Research(subject: "nobody"), People, Now), ExemptionProblemKind.Invalid, "subject");
        AssertRefused(Check.ValidateGrant(Research(grantedBy: "nobody"), People, Now), ExemptionProblemKind.Invalid, "grantedBy");
        AssertRefused(Check.ValidateGrant(Size(subject: "nobody"), People, Now), ExemptionProblemKind.Invalid, "subject");
    }

    [Fact]
    public void The_end_must_come_after_the_start()
    {
        var exemption = Research() with { End = Now };
        AssertRefused(Check.ValidateGrant(exemption, People, Now), ExemptionProblemKind.Invalid, "end");
        AssertRefused(Check.ValidateGrant(exemption with { End = Now.AddDays(-1) }, People, Now), ExemptionProblemKind.Invalid, "end");
    }

    [Fact]
    public void The_period_may_be_exactly_the_maximum_but_not_a_second_more()
    {
        Assert.Null(Check.ValidateGrant(Research(period: TimeSpan.FromDays(90)), People, Now));
        var problem = Check.ValidateGrant(Research(period: TimeSpan.FromDays(90) + TimeSpan.FromSeconds(1)), People, Now);
        AssertRefused(problem, ExemptionProblemKind.Invalid, "end");
        Assert.Contains("maximum is 90 days", problem!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_maximum_period_is_configurable()
    {
        var rules = new ExemptionRules(new ExemptionSettings { MaxPeriod = TimeSpan.FromDays(14) });
        AssertRefused(rules.ValidateGrant(Research(period: TimeSpan.FromDays(15)), People, Now), ExemptionProblemKind.Invalid, "end");
        AssertRefused(rules.ValidateGrant(Size(period: TimeSpan.FromDays(15)), People, Now), ExemptionProblemKind.Invalid, "end");
        Assert.Throws<ArgumentException>(() => new ExemptionRules(new ExemptionSettings { MaxPeriod = TimeSpan.Zero }));
    }

    [Fact]
    public void A_start_may_lie_a_few_minutes_in_the_past_but_not_more_and_a_future_start_is_fine()
    {
        Assert.Null(Check.ValidateGrant(Research(start: Now.AddMinutes(-5)), People, Now));
        AssertRefused(Check.ValidateGrant(Research(start: Now.AddMinutes(-5).AddTicks(-1)), People, Now), ExemptionProblemKind.Invalid, "start");
        Assert.Null(Check.ValidateGrant(Research(start: Now.AddDays(10)), People, Now));
    }

    [Fact]
    public void Categories_must_be_known_and_not_empty()
    {
        var empty = Research(categories: new HashSet<RegulationCategory>());
        AssertRefused(Check.ValidateGrant(empty, People, Now), ExemptionProblemKind.Invalid, "categories");
        var unknown = Research(categories: new HashSet<RegulationCategory> { RegulationCategory.Chat, (RegulationCategory)42 });
        var problem = Check.ValidateGrant(unknown, People, Now);
        AssertRefused(problem, ExemptionProblemKind.Invalid, "categories");
        Assert.Contains("adult, hate, gambling, chat, warez", problem!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reason_is_required()
    {
        AssertRefused(Check.ValidateGrant(Research() with { Reason = "  " }, People, Now), ExemptionProblemKind.Invalid, "reason");
        AssertRefused(Check.ValidateGrant(Size() with { Reason = "" }, People, Now), ExemptionProblemKind.Invalid, "reason");
    }

    [Fact]
    public void An_empty_id_is_invalid()
    {
        AssertRefused(Check.ValidateGrant(Research() with { Id = Guid.Empty }, People, Now), ExemptionProblemKind.Invalid, "id");
    }

    [Fact]
    public void Who_acts_is_checked_before_what_is_granted()
    {
        var bad = Research(grantedBy: ManagerS) with { Reason = "", End = Now };
        AssertRefused(Check.ValidateGrant(bad, People, Now), ExemptionProblemKind.Forbidden, "grantedBy");
    }

    [Fact]
    public void Only_a_technical_architect_grants_a_size_exemption_to_anyone_in_the_organisation()
    {
        Assert.Null(Check.ValidateGrant(Size(), People, Now));
        Assert.Null(Check.ValidateGrant(Size(subject: Secretary), People, Now));
        AssertRefused(Check.ValidateGrant(Size(grantedBy: ManagerP), People, Now), ExemptionProblemKind.Forbidden, "grantedBy");
        AssertRefused(Check.ValidateGrant(Size(grantedBy: Secretary), People, Now), ExemptionProblemKind.Forbidden, "grantedBy");
        AssertRefused(Check.ValidateGrant(Size(grantedBy: PrivacyOfficer), People, Now), ExemptionProblemKind.Forbidden, "grantedBy");
    }

    [Fact]
    public void The_technical_architect_does_not_grant_a_size_exemption_to_themselves()
    {
        AssertRefused(Check.ValidateGrant(Size(subject: Architect), People, Now), ExemptionProblemKind.Forbidden, "grantedBy");
    }

    [Fact]
    public void A_size_limit_is_positive_or_absent_for_no_limit()
    {
        Assert.Null(Check.ValidateGrant(Size(maxBytes: null), People, Now));
        Assert.Null(Check.ValidateGrant(Size(maxBytes: 1), People, Now));
        AssertRefused(Check.ValidateGrant(Size(maxBytes: 0), People, Now), ExemptionProblemKind.Invalid, "maxBytes");
        AssertRefused(Check.ValidateGrant(Size(maxBytes: -5), People, Now), ExemptionProblemKind.Invalid, "maxBytes");
    }

    [Fact]
    public void Size_exemptions_follow_the_same_period_rules()
    {
        AssertRefused(Check.ValidateGrant(Size() with { End = Now.AddHours(-1) }, People, Now), ExemptionProblemKind.Invalid, "end");
        AssertRefused(Check.ValidateGrant(Size(period: TimeSpan.FromDays(91)), People, Now), ExemptionProblemKind.Invalid, "end");
        AssertRefused(Check.ValidateGrant(Size(start: Now.AddHours(-1)), People, Now), ExemptionProblemKind.Invalid, "start");
    }

    [Theory]
    [InlineData(ManagerP, true)] // the grantor
    [InlineData(PrivacyOfficer, true)] // any privacy officer, in another department
    [InlineData(Secretary, true)] // another manager in the researcher's line
    [InlineData(ManagerS, false)] // a manager, but of another team
    [InlineData(Colleague, false)] // a colleague
    [InlineData(Researcher, false)] // the subject
    [InlineData(Architect, false)] // a technical architect, for a research exemption
    public void Revoking_a_research_exemption(string revoker, bool allowed)
    {
        var problem = ExemptionRules.ValidateRevocation(Research(), revoker, People, Now.AddDays(1));
        if (allowed)
        {
            Assert.Null(problem);
        }
        else
        {
            AssertRefused(problem, ExemptionProblemKind.Forbidden, "revokedBy");
        }
    }

    [Theory]
    [InlineData(Architect, true)] // the grantor
    [InlineData(PrivacyOfficer, true)]
    [InlineData(ManagerP, true)] // the researcher's manager, though not the grantor
    [InlineData(Secretary, true)]
    [InlineData(ManagerS, false)] // the architect's manager, not the researcher's
    [InlineData(Employee, false)]
    public void Revoking_a_size_exemption(string revoker, bool allowed)
    {
        var problem = ExemptionRules.ValidateRevocation(Size(), revoker, People, Now.AddDays(1));
        Assert.Equal(allowed, problem is null);
    }

    [Fact]
    public void An_unknown_revoker_is_invalid()
    {
        AssertRefused(ExemptionRules.ValidateRevocation(Research(), "nobody", People, Now), ExemptionProblemKind.Invalid, "revokedBy");
    }

    [Fact]
    public void An_exemption_is_not_revoked_at_or_after_its_end_nor_twice()
    {
        var exemption = Research();
        AssertRefused(ExemptionRules.ValidateRevocation(exemption, ManagerP, People, exemption.End), ExemptionProblemKind.Conflict, "end");
        Assert.Null(ExemptionRules.ValidateRevocation(exemption, ManagerP, People, exemption.End.AddTicks(-1)));

        var revoked = exemption with { RevokedAt = Now.AddDays(1), RevokedBy = PrivacyOfficer };
        AssertRefused(ExemptionRules.ValidateRevocation(revoked, ManagerP, People, Now.AddDays(2)), ExemptionProblemKind.Conflict, "revokedAt");
    }

    [Fact]
    public void The_grantor_may_revoke_after_leaving_the_directory()
    {
        var exemption = Size(grantedBy: "former.architect");
        Assert.Null(ExemptionRules.ValidateRevocation(exemption, "former.architect", People, Now));
    }

    [Fact]
    public void An_exemption_that_has_not_started_yet_may_be_revoked()
    {
        Assert.Null(ExemptionRules.ValidateRevocation(Research(start: Now.AddDays(5)), PrivacyOfficer, People, Now));
    }

    [Fact]
    public void A_stranger_learns_nothing_about_an_ended_exemption()
    {
        var exemption = Research();
        AssertRefused(ExemptionRules.ValidateRevocation(exemption, Colleague, People, exemption.End.AddDays(1)), ExemptionProblemKind.Forbidden, "revokedBy");
    }
}
