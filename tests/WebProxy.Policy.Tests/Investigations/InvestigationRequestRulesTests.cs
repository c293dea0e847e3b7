using WebProxy.Policy.Identity;
using WebProxy.Policy.Investigations;
using static WebProxy.Policy.Tests.Investigations.Town;

namespace WebProxy.Policy.Tests.Investigations;

/// <summary>Article 6.2 (a named subject, a stated purpose, a fixed short period), 6.6 and 6.7 at the request.</summary>
public sealed class InvestigationRequestRulesTests
{
    [Theory]
    [InlineData(Manager)]
    [InlineData(SecurityOfficer)]
    public void A_manager_or_a_security_officer_may_request(string requester)
    {
        Assert.Null(Check.ValidateRequest(Request(requestedBy: requester), People, Now));
    }

    [Theory]
    [InlineData(Colleague)]
    [InlineData(PrivacyOfficer)]
    [InlineData(Mayor)]
    public void Nobody_else_may_request(string requester)
    {
        var problem = Check.ValidateRequest(Request(requestedBy: requester), People, Now);

        Assert.Equal((InvestigationProblemKind.Forbidden, "requestedBy"), (problem?.Kind, problem?.Field));
    }

    [Fact]
    public void An_unknown_requester_or_subject_is_invalid()
    {
        Assert.Equal("requestedBy", Check.ValidateRequest(Request(requestedBy: "x.onbekend"), People, Now)?.Field);
        var problem = Check.ValidateRequest(Request(subject: "x.onbekend"), People, Now);
        Assert.Equal((InvestigationProblemKind.Invalid, "subject"), (problem?.Kind, problem?.Field));
    }

    [Fact]
    public void Nobody_requests_an_investigation_into_themselves()
    {
        var problem = Check.ValidateRequest(Request(subject: Manager, requestedBy: Manager, readers: [SecurityOfficer]), People, Now);

        Assert.Equal((InvestigationProblemKind.Forbidden, "subject"), (problem?.Kind, problem?.Field));
    }

    [Theory]
    [InlineData(ProtectedRole.WorksCouncil)]
    [InlineData(ProtectedRole.GoMember)]
    [InlineData(ProtectedRole.Mediator)]
    [InlineData(ProtectedRole.CompanyDoctor)]
    [InlineData(ProtectedRole.OtherConfidentialRole)]
    [InlineData(ProtectedRole.WorksCouncil | ProtectedRole.PoliticalOfficeHolder)]
    public void A_protected_subject_is_refused_without_being_named(ProtectedRole role)
    {
        var directory = WithProtected(Suspect, role);

        var problem = Check.ValidateRequest(Request(), directory, Now);

        Assert.NotNull(problem);
        Assert.Equal((InvestigationProblemKind.Forbidden, "subject", true), (problem.Kind, problem.Field, problem.IsProtectedSubject));
        Assert.Contains("article 6.6", problem.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(Suspect, problem.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(NameOf(Suspect), problem.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.True(InvestigationRules.IsExcluded(directory.Find(Suspect)!));
    }

    [Fact]
    public void Someone_who_may_not_request_does_not_learn_that_the_subject_is_protected()
    {
        var problem = Check.ValidateRequest(Request(requestedBy: Colleague), WithProtected(Suspect, ProtectedRole.WorksCouncil), Now);

        Assert.Equal(("requestedBy", false), (problem?.Field, problem?.IsProtectedSubject));
    }

    [Fact]
    public void A_period_of_exactly_the_maximum_is_allowed_and_one_tick_more_is_not()
    {
        Assert.Null(Check.ValidateRequest(Request(period: TimeSpan.FromDays(14)), People, Now));

        var problem = Check.ValidateRequest(Request(period: TimeSpan.FromDays(14).Add(TimeSpan.FromTicks(1))), People, Now);

        Assert.Equal((InvestigationProblemKind.Invalid, "end"), (problem?.Kind, problem?.Field));
        Assert.Contains("the maximum is 14 days", problem!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_maximum_period_is_configurable()
    {
        var rules = new InvestigationRules(new InvestigationSettings { MaxPeriod = TimeSpan.FromDays(3) });

        Assert.Null(rules.ValidateRequest(Request(period: TimeSpan.FromDays(3)), People, Now));
        Assert.Equal("end", rules.ValidateRequest(Request(period: TimeSpan.FromDays(4)), People, Now)?.Field);
        Assert.Throws<ArgumentException>(() => new InvestigationRules(new InvestigationSettings { MaxPeriod = TimeSpan.Zero }));
    }

    [Theory]
    [InlineData("end before start", "end")]
    [InlineData("empty period", "end")]
    [InlineData("back-dated", "start")]
    [InlineData("blank purpose", "purpose")]
    [InlineData("blank legal ground", "legalGround")]
    [InlineData("no readers", "readers")]
    [InlineData("unknown reader", "readers")]
    [InlineData("reader twice", "readers")]
    [InlineData("subject as reader", "readers")]
    [InlineData("empty id", "id")]
    [InlineData("unknown scope", "scope")]
    [InlineData("wrong kind", "kind")]
    public void A_malformed_request_is_invalid(string what, string field)
    {
        var valid = Request();
        var investigation = what switch
        {
            "end before start" => valid with { End = valid.Start.AddHours(-1) },
            "empty period" => valid with { End = valid.Start },
            "back-dated" => Request(start: Now.AddMinutes(-6)),
            "blank purpose" => valid with { Purpose = "  " },
            "blank legal ground" => valid with { LegalGround = "" },
            "no readers" => valid with { Readers = [] },
            "unknown reader" => valid with { Readers = [Manager, "x.onbekend"] },
            "reader twice" => valid with { Readers = [Manager, Manager] },
            "subject as reader" => valid with { Readers = [Manager, Suspect] },
            "empty id" => valid with { Id = Guid.Empty },
            "unknown scope" => valid with { Scope = (InvestigationScope)7 },
            "wrong kind" => valid with { Kind = InvestigationKind.PoliticalOfficeHolder },
            _ => throw new ArgumentOutOfRangeException(nameof(what), what, "unknown case"),
        };

        var problem = Check.ValidateRequest(investigation, People, Now);

        Assert.Equal((InvestigationProblemKind.Invalid, field), (problem?.Kind, problem?.Field));
    }

    [Fact]
    public void A_start_a_moment_ago_is_not_back_dating()
    {
        Assert.Null(Check.ValidateRequest(Request(start: Now.AddMinutes(-5)), People, Now));
    }

    [Fact]
    public void A_political_office_holder_may_be_investigated_with_the_mayor_as_the_only_reader()
    {
        Assert.Equal(InvestigationKind.PoliticalOfficeHolder, InvestigationRules.KindFor(People.Find(Alderman)!));
        Assert.False(InvestigationRules.IsExcluded(People.Find(Alderman)!));

        Assert.Null(Check.ValidateRequest(AldermanRequest(), People, Now));
    }

    [Fact]
    public void The_report_on_a_political_office_holder_goes_to_the_mayor_only()
    {
        var problem = Check.ValidateRequest(AldermanRequest() with { Readers = [Mayor, SecurityOfficer] }, People, Now);

        Assert.Equal((InvestigationProblemKind.Forbidden, "readers"), (problem?.Kind, problem?.Field));
        Assert.Contains("article 6.7", problem!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Content_on_a_political_office_holder_is_refused_because_the_mayor_alone_approves()
    {
        var problem = Check.ValidateRequest(AldermanRequest(InvestigationScope.Content), People, Now);

        Assert.Equal((InvestigationProblemKind.Forbidden, "scope"), (problem?.Kind, problem?.Field));
        Assert.Contains("article 6.3", problem!.Reason, StringComparison.Ordinal);
    }
}
