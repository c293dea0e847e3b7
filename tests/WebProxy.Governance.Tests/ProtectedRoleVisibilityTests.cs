using WebProxy.Governance.Tests.Support;
using static WebProxy.Testing.TestOrganisation;

namespace WebProxy.Governance.Tests;

/// <summary>
/// Article 6.6 roles (works council, ...) are shown to IT, the privacy officer and the person themselves; the person's
/// own manager sees the entry without them, as "not shown" rather than "none".
/// </summary>
public sealed class ProtectedRoleVisibilityTests : IDisposable
{
    private const string Purpose = "Checking the team before the reorganisation";

    private readonly GovernanceFixture _org = new();

    public void Dispose() => _org.Dispose();

    [Theory]
    [InlineData(ItPerson)]
    [InlineData(PrivacyOfficer)]
    [InlineData(WorksCouncilMember)]
    public void IT_the_privacy_officer_and_the_person_see_the_protected_role(string viewer)
    {
        var view = _org.Directory.Get(Actor.Api(viewer), WorksCouncilMember, Purpose);

        Assert.True(view.Succeeded, view.Problem?.ToString());
        Assert.Equal(["works-council"], view.Value.Protected);
    }

    [Fact]
    public void The_manager_sees_the_entry_but_not_the_protected_role()
    {
        var view = _org.Directory.Get(Actor.Api(Manager), WorksCouncilMember, Purpose);

        Assert.True(view.Succeeded, view.Problem?.ToString());
        Assert.Equal("Wim Raad", view.Value.Name);
        Assert.Null(view.Value.Protected);
    }

    [Fact]
    public void The_managers_team_list_hides_the_protected_role_too()
    {
        var team = _org.Directory.List(Actor.Api(Manager), Purpose);

        Assert.True(team.Succeeded, team.Problem?.ToString());
        Assert.Contains(team.Value, p => p.Id == WorksCouncilMember);
        Assert.All(team.Value.Where(p => p.Id != Manager), p => Assert.Null(p.Protected));
    }
}
