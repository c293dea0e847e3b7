namespace WebProxy.Testing;

/// <summary>How a program that ran to completion ended: its exit code and everything it wrote.</summary>
public sealed record ChildProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Both streams and the exit code, for assertion messages.</summary>
    public string Describe() => $"exit code {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}
