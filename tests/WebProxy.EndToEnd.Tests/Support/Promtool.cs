using WebProxy.Testing;

namespace WebProxy.EndToEnd.Tests.Support;

/// <summary>Prometheus' own checker (Debian package prometheus): the parser and linter the real server uses.</summary>
internal static class Promtool
{
    public static async Task AssertValidAsync(string metrics)
    {
        var promtool = RequiredTool.Find("promtool", "prometheus");
        var result = await ChildProcess.RunAsync(promtool, ["check", "metrics"], TimeSpan.FromSeconds(30), metrics);
        var problems = (result.StandardOutput + result.StandardError).Trim();
        Assert.True(result.ExitCode == 0 && problems.Length == 0,
            $"promtool check metrics exited with {result.ExitCode}:\n{problems}\n--- input ---\n{metrics}");
    }
}
