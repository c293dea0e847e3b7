using WebProxy.Governance.Tests.Support;
using static WebProxy.Governance.Tests.Support.GovernanceFixture;
using static WebProxy.Testing.TestOrganisation;

namespace WebProxy.Governance.Tests;

/// <summary>
/// Only the privacy officer, the municipal secretary and the security officer read the governance log, for a stated
/// purpose and a proper period; records about a works-council member are for the privacy officer alone.
/// </summary>
public sealed class GovernanceLogReadTests : IDisposable
{
    private const string Purpose = "Annual supervision report";

    private static readonly DateTimeOffset From = Start.AddHours(-1);
    private static readonly DateTimeOffset To = Start.AddDays(1);

    private readonly GovernanceFixture _org = new();

    public void Dispose() => _org.Dispose();

    [Theory]
    [InlineData(PrivacyOfficer)]
    [InlineData(Secretary)]
    [InlineData(SecurityOfficer)]
    public void The_supervisors_read_the_log(string reader)
    {
        _org.GrantResearch(Researcher);

        var read = _org.LogService.Read(Actor.Api(reader), From, To, null, Purpose);

        Assert.True(read.Succeeded, read.Problem?.ToString());
        Assert.Contains(read.Value, r => r.Subject == Researcher);
    }

    [Theory]
    [InlineData(Manager)]
    [InlineData(ItPerson)]
    [InlineData(Architect)]
    [InlineData(Researcher)]
    public void Nobody_else_reads_the_log(string reader)
    {
        Refused.With(_org.LogService.Read(Actor.Api(reader), From, To, null, Purpose), ProblemKind.Forbidden, "actor");
    }

    [Fact]
    public void Reading_needs_a_purpose()
    {
        Refused.With(_org.LogService.Read(Actor.Api(PrivacyOfficer), From, To, null, " "), ProblemKind.Invalid, "purpose");
    }

    [Fact]
    public void A_reversed_period_is_refused()
    {
        Refused.With(_org.LogService.Read(Actor.Api(PrivacyOfficer), To, From, null, Purpose), ProblemKind.Invalid, "to");
    }

    [Fact]
    public void Records_about_a_works_council_member_are_hidden_from_the_secretary()
    {
        _org.GrantResearch(Researcher);
        _org.GrantResearch(WorksCouncilMember);

        var read = _org.LogService.Read(Actor.Api(Secretary), From, To, null, Purpose);

        Assert.True(read.Succeeded, read.Problem?.ToString());
        Assert.Contains(read.Value, r => r.Subject == Researcher);
        Assert.DoesNotContain(read.Value, r => r.Subject == WorksCouncilMember);
    }

    [Fact]
    public void Records_about_a_works_council_member_are_shown_to_the_privacy_officer()
    {
        _org.GrantResearch(WorksCouncilMember);

        var read = _org.LogService.Read(Actor.Api(PrivacyOfficer), From, To, null, Purpose);

        Assert.True(read.Succeeded, read.Problem?.ToString());
        Assert.Contains(read.Value, r => r.Subject == WorksCouncilMember);
    }

    [Fact]
    public void The_secretary_may_not_ask_for_a_works_council_members_records()
    {
        Refused.With(_org.LogService.Read(Actor.Api(Secretary), From, To, WorksCouncilMember, Purpose), ProblemKind.Forbidden, "subject");
    }

    [Fact]
    public void Records_about_a_works_council_member_stay_hidden_after_they_leave_the_directory()
    {
        var exemption = _org.GrantResearch(WorksCouncilMember);
        Assert.True(_org.Exemptions.Revoke(Actor.Api(Manager), exemption.Id, "left the organisation").Succeeded);
        Assert.True(_org.Directory.Remove(Actor.Api(ItPerson), WorksCouncilMember).Succeeded);

        var read = _org.LogService.Read(Actor.Api(Secretary), From, To, null, Purpose);

        Assert.True(read.Succeeded, read.Problem?.ToString());
        Assert.DoesNotContain(read.Value, r => r.Subject == WorksCouncilMember);
    }
}
