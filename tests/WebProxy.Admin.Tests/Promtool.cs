using System.Diagnostics;

namespace WebProxy.Admin.Tests;

/// <summary>Runs Prometheus' own checker over scraped text: the parser and linter the real server uses.</summary>
internal static class Promtool
{
    public static async Task AssertValidAsync(string metrics)
    {
        var path = Find();
        Assert.True(path is not null,
            "promtool was not found on PATH. It validates the /metrics output; install the Debian package 'prometheus' (apt-get install prometheus).");

        var start = new ProcessStartInfo(path, ["check", "metrics"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {path}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(metrics);
        process.StandardInput.Close();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        var problems = (await stdout + await stderr).Trim();

        Assert.True(process.ExitCode == 0 && problems.Length == 0,
            $"promtool check metrics exited with {process.ExitCode}:\n{problems}\n--- input ---\n{metrics}");
    }

    private static string? Find()
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return directories.Append("/usr/bin")
            .Select(directory => Path.Combine(directory, "promtool"))
            .FirstOrDefault(File.Exists);
    }
}
