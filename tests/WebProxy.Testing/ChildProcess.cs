using System.Diagnostics;

namespace WebProxy.Testing;

/// <summary>
/// Runs a program to completion with its output captured, as a shell would. Proxy variables are removed from its
/// environment, so a tool like curl uses exactly the proxy a test names and never one from the machine.
/// </summary>
public static class ChildProcess
{
    private static readonly string[] ProxyVariables =
        ["http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY"];

    /// <summary>A start description with redirected output and a clean proxy environment.</summary>
    public static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        foreach (var variable in ProxyVariables)
        {
            start.Environment.Remove(variable);
        }

        return start;
    }

    public static Task<ChildProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan? timeout = null, string? standardInput = null) =>
        RunAsync(StartInfo(fileName, arguments), timeout, standardInput);

    /// <summary>Runs the program; kills it (that process only) and fails when it outlives <paramref name="timeout"/>.</summary>
    public static async Task<ChildProcessResult> RunAsync(ProcessStartInfo start, TimeSpan? timeout = null, string? standardInput = null)
    {
        ArgumentNullException.ThrowIfNull(start);
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput).ConfigureAwait(false);
        }

        process.StandardInput.Close();

        using var cancellation = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cancellation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: false);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            throw new TimeoutException(
                $"'{start.FileName} {string.Join(' ', start.ArgumentList)}' did not finish within {limit}.\n" +
                $"--- stdout ---\n{await stdout.ConfigureAwait(false)}\n--- stderr ---\n{await stderr.ConfigureAwait(false)}");
        }

        return new ChildProcessResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }
}
