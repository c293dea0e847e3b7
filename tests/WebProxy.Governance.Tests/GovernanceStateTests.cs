using WebProxy.Governance.Tests.Support;
using WebProxy.Policy.Identity;
using static WebProxy.Governance.Tests.Support.GovernanceFixture;
using static WebProxy.Testing.TestOrganisation;

namespace WebProxy.Governance.Tests;

/// <summary>
/// The running service sees what another process (the command line) changed on the next refresh, and a hand edit
/// that breaks the directory is reported with file and line while the last good directory stays in force.
/// </summary>
public sealed class GovernanceStateTests : IDisposable
{
    private readonly GovernanceFixture _org = new();

    public void Dispose() => _org.Dispose();

    [Fact]
    public void A_grant_made_by_another_process_is_picked_up_on_refresh()
    {
        var changes = 0;
        _org.State.Changed += (_, _) => changes++;
        using var commandLine = _org.OpenAnotherInstance();

        var granted = commandLine.Exemptions.GrantResearch(Actor.CommandLine(Manager),
            new ResearchGrantRequest(Researcher, ["hate"], null, Start.AddDays(10), "Monitoring hate speech against council members"));
        Assert.True(granted.Succeeded, granted.Problem?.ToString());
        Assert.Empty(_org.State.Exemptions.All);

        Assert.Null(_org.State.Refresh());

        Assert.Equal(1, changes);
        Assert.Equal(granted.Value.Id, Assert.Single(_org.State.Exemptions.All).Id);
    }

    [Fact]
    public void A_refresh_without_changes_raises_nothing()
    {
        var changes = 0;
        _org.State.Changed += (_, _) => changes++;

        Assert.Null(_org.State.Refresh());

        Assert.Equal(0, changes);
    }

    [Fact]
    public void A_broken_hand_edit_is_reported_with_file_and_line_and_the_old_directory_stays()
    {
        var lines = File.ReadAllLines(_org.DirectoryPath);
        var itLine = Array.FindIndex(lines, l => l.Contains("\"it\"", StringComparison.Ordinal));
        lines[itLine] = lines[itLine].Replace("\"it\"", "\"wizard\"", StringComparison.Ordinal);
        File.WriteAllLines(_org.DirectoryPath, lines);

        var problem = _org.State.Refresh();

        Assert.NotNull(problem);
        Assert.Equal((_org.DirectoryPath, itLine + 1), (problem.FileName, problem.Line));
        Assert.Contains("wizard", problem.Message, StringComparison.Ordinal);
        Assert.True(_org.State.Directory.Find(ItPerson)!.HasRole(Role.It));
        Assert.Null(_org.State.Refresh());
    }
}
