using System.Text;
using System.Text.Json;
using WebProxy.Storage;
using static WebProxy.Host.Tests.Commands.GovernanceCommands;

namespace WebProxy.Host.Tests.Commands;

/// <summary>
/// <c>webproxy directory list|show|set|remove</c> on a real data folder: the same service as the admin API, every
/// change recorded, and a password that only ever exists on standard input and as a PBKDF2 hash.
/// </summary>
public sealed class DirectoryCommandTests : IDisposable
{
    private const string Password = "Correct-Horse-Battery-Staple-42";

    private readonly GovernanceCommands _commands = new();

    public void Dispose() => _commands.Dispose();

    [Fact]
    public async Task Set_with_a_password_on_stdin_creates_the_directory_records_the_change_and_never_stores_the_password()
    {
        var set = await _commands.RunAsync(
            ["directory", "set", "i.tester", "--name", "Ilse Tester", "--role", "employee", "--role", "it", "--password-stdin"], Password + "\n");

        Assert.True(set.ExitCode == 0, set.Describe());
        Assert.Contains("Added i.tester", set.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("within a second", set.StandardOutput, StringComparison.Ordinal);
        Assert.True(File.Exists(_commands.DirectoryFile), set.Describe());
        var file = await File.ReadAllTextAsync(_commands.DirectoryFile);
        Assert.Contains("\"i.tester\"", file, StringComparison.Ordinal);
        Assert.Contains("pbkdf2-sha256$", file, StringComparison.Ordinal);

        var list = await _commands.RunAsync(["directory", "list", "--purpose", "Yearly directory review"]);

        Assert.True(list.ExitCode == 0, list.Describe());
        var row = Assert.Single(list.StandardOutput.Split('\n'), l => l.StartsWith("i.tester ", StringComparison.Ordinal));
        Assert.Contains("Ilse Tester", row, StringComparison.Ordinal);
        Assert.Contains("employee, it", row, StringComparison.Ordinal);
        Assert.EndsWith("set", row, StringComparison.Ordinal);

        var changed = Assert.Single(_commands.Records(), r => r.Action == GovernanceAction.DirectoryChanged);
        Assert.Equal(("local-administrator", "i.tester"), (changed.Actor, changed.Subject));
        Assert.Contains("\"via\":\"cli\"", changed.Details, StringComparison.Ordinal);
        var read = Assert.Single(_commands.Records(), r => r.Action == GovernanceAction.PersonalDataRead);
        Assert.Equal(("local-administrator", "Yearly directory review"), (read.Actor, read.Purpose));

        var verify = await _commands.RunAsync(["log", "verify"]);
        Assert.True(verify.ExitCode == 0, verify.Describe());

        // Not in the file, the database (with its journal), or anything the commands printed.
        var secret = Encoding.UTF8.GetBytes(Password);
        foreach (var path in Directory.EnumerateFiles(_commands.DataDirectory, "*", SearchOption.AllDirectories))
        {
            Assert.True((await File.ReadAllBytesAsync(path)).AsSpan().IndexOf(secret) < 0, $"The password is in {path}.");
        }

        Assert.DoesNotContain(Password, set.StandardOutput + set.StandardError + list.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_set_and_remove_follow_the_services_rules()
    {
        _commands.WriteDirectory("""
            {
              "people": [
                { "id": "i.it", "name": "Iris IT", "roles": [ "employee", "it" ] },
                { "id": "m.manager", "name": "Mia Manager", "roles": [ "employee", "manager" ] },
                { "id": "e.employee", "name": "Eva Employee", "manager": "m.manager", "roles": [ "employee" ], "protected": [ "works-council" ] }
              ]
            }
            """);
        var original = await File.ReadAllTextAsync(_commands.DirectoryFile);

        AssertRefused(await _commands.RunAsync(["directory", "set", "n.new", "--name", "Nina New", "--role", "employee", "--by", "m.manager"]), "--by");
        AssertRefused(await _commands.RunAsync(["directory", "set", "n.new", "--name", "Nina New", "--role", "boss"]), "--role");
        AssertRefused(await _commands.RunAsync(["directory", "set", "n.new", "--role", "employee"]), "--name");
        AssertRefused(await _commands.RunAsync(["directory", "set", "n.new", "--name", "Nina New", "--role", "employee", "--manager", "x.nobody"]), "--manager");
        AssertRefused(await _commands.RunAsync(["directory", "set", "n.new", "--name", "Nina New", "--role", "employee", "--password-stdin"], "too short\n"), "--password-stdin");
        AssertRefused(await _commands.RunAsync(["directory", "remove", "m.manager"]), "<id>");
        AssertRefused(await _commands.RunAsync(["directory", "show", "e.employee"]), "--purpose");
        Assert.Equal(original, await File.ReadAllTextAsync(_commands.DirectoryFile));
        Assert.DoesNotContain(_commands.Records(), r => r.Action == GovernanceAction.DirectoryChanged);

        var byIt = await _commands.RunAsync(["directory", "set", "n.new", "--name", "Nina New", "--role", "employee", "--manager", "m.manager", "--by", "i.it"]);
        Assert.True(byIt.ExitCode == 0, byIt.Describe());

        var show = await _commands.RunAsync(["directory", "show", "e.employee", "--purpose", "Checking the works council list", "--json"]);
        Assert.True(show.ExitCode == 0, show.Describe());
        using (var json = JsonDocument.Parse(show.StandardOutput))
        {
            Assert.Equal("m.manager", json.RootElement.GetProperty("manager").GetString());
            Assert.Equal("works-council", Assert.Single(json.RootElement.GetProperty("protected").EnumerateArray()).GetString());
            Assert.False(json.RootElement.GetProperty("hasPassword").GetBoolean());
        }

        var remove = await _commands.RunAsync(["directory", "remove", "n.new", "--by", "i.it"]);
        Assert.True(remove.ExitCode == 0, remove.Describe());
        Assert.DoesNotContain("n.new", await File.ReadAllTextAsync(_commands.DirectoryFile), StringComparison.Ordinal);

        var changes = _commands.Records().Where(r => r.Action == GovernanceAction.DirectoryChanged).ToArray();
        Assert.Equal(new[] { ("i.it", "n.new"), ("i.it", "n.new") }, changes.Select(r => (r.Actor, r.Subject!)));
        Assert.Contains("\"change\":\"removed\"", changes[1].Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_directory_file_stops_the_command_with_exit_code_2_naming_the_file()
    {
        _commands.WriteDirectory("""{ "people": [ { "id": "a", "name": "A" } ] }""");

        var result = await _commands.RunAsync(["directory", "list", "--purpose", "Review"]);

        Assert.True(result.ExitCode == 2, result.Describe());
        var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("webproxy: ", line, StringComparison.Ordinal);
        Assert.Contains(_commands.DirectoryFile, line, StringComparison.Ordinal);
    }
}
