using System.Text.RegularExpressions;
using WebProxy.Policy.Exemptions;
using WebProxy.Policy.Investigations;
using WebProxy.Storage;
using WebProxy.Testing;

namespace WebProxy.Host.Tests.Commands;

/// <summary>
/// Runs the <c>exemptions</c> and <c>directory</c> commands as an operator does (the built program in a child
/// process) on one data folder, and reads back what they stored with the storage classes themselves.
/// </summary>
internal sealed partial class GovernanceCommands : IDisposable
{
    private readonly TempDirectory _temp = new();

    public string DataDirectory => Path.Combine(_temp.Path, "data");

    public string DirectoryFile => Path.Combine(DataDirectory, "directory.json");

    public void Dispose() => _temp.Dispose();

    /// <summary><c>webproxy &lt;arguments&gt; --data &lt;folder&gt;</c>, with <paramref name="standardInput"/> piped in.</summary>
    public Task<ChildProcessResult> RunAsync(IEnumerable<string> arguments, string? standardInput = null) =>
        ChildProcess.RunAsync(WebProxyExecutable.StartInfo([.. arguments, "--data", DataDirectory]), TimeSpan.FromSeconds(60), standardInput);

    /// <summary>Writes the directory file by hand (no passwords, so no PBKDF2 cost), as IT might.</summary>
    public void WriteDirectory(string json)
    {
        Directory.CreateDirectory(DataDirectory);
        File.WriteAllText(DirectoryFile, json);
    }

    /// <summary>The exemptions as stored, read without the services.</summary>
    public IReadOnlyList<Exemption> StoredExemptions()
    {
        using var log = new GovernanceLog(DataDirectory, TimeProvider.System);
        return new ExemptionStore(log).Load().All;
    }

    /// <summary>Every governance record so far.</summary>
    public IReadOnlyList<GovernanceRecord> Records()
    {
        using var log = new GovernanceLog(DataDirectory, TimeProvider.System);
        return log.Read(DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow.AddDays(1));
    }

    /// <summary>An instant <paramref name="fromNow"/> ahead, as an operator types it (ISO 8601 with an offset).</summary>
    public static string Instant(TimeSpan fromNow) =>
        (DateTimeOffset.UtcNow + fromNow).ToOffset(TimeSpan.FromHours(1)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The exemption id a grant prints.</summary>
    public static Guid GrantedId(ChildProcessResult result)
    {
        var match = GrantedPattern().Match(result.StandardOutput);
        Assert.True(match.Success, $"No 'Granted exemption <id>' line.\n{result.Describe()}");
        return Guid.Parse(match.Groups[1].Value);
    }

    /// <summary>A refusal: exit code 1 and exactly one line <c>error: OPTION: ...</c> on stderr; nothing on stdout.</summary>
    public static string AssertRefused(ChildProcessResult result, string option)
    {
        Assert.True(result.ExitCode == 1, result.Describe());
        var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: {option}: ", line, StringComparison.Ordinal);
        Assert.Empty(result.StandardOutput);
        return line;
    }

    /// <summary>The investigations as stored, read without the services.</summary>
    public IReadOnlyList<Investigation> StoredInvestigations()
    {
        using var log = new GovernanceLog(DataDirectory, TimeProvider.System);
        return new InvestigationStore(log).Load().All;
    }

    /// <summary>The rights requests as stored, read without the services.</summary>
    public IReadOnlyList<RightsRequest> StoredRightsRequests()
    {
        using var log = new GovernanceLog(DataDirectory, TimeProvider.System);
        return new RightsRequestStore(log).Load();
    }

    /// <summary>Records one request of the subject under <paramref name="investigation"/>, as the proxy's capture does.</summary>
    public void Capture(Guid investigation, string host, string? url = null, string? category = null, string decision = "allowed")
    {
        using var captures = new CaptureStore(DataDirectory);
        captures.Append(investigation, DateTimeOffset.UtcNow, host, url, 1234, 56, category, decision);
        captures.Flush();
    }

    /// <summary>The id a creating command prints on its first line: <c>&lt;heading&gt; &lt;id&gt;:</c>.</summary>
    public static Guid CreatedId(ChildProcessResult result, string heading)
    {
        var match = Regex.Match(result.StandardOutput, $@"^{Regex.Escape(heading)} ([0-9a-f-]{{36}}):", RegexOptions.Multiline);
        Assert.True(match.Success, $"No '{heading} <id>' line.\n{result.Describe()}");
        return Guid.Parse(match.Groups[1].Value);
    }

    [GeneratedRegex(@"^Granted exemption ([0-9a-f-]{36}):", RegexOptions.Multiline)]
    private static partial Regex GrantedPattern();
}
