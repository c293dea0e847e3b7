namespace WebProxy.EndToEnd.Tests.Support;

/// <summary>
/// What curl reported: its exit code, the body, the status and HTTP version it saw (from <c>--write-out</c>), and
/// stderr, which holds the <c>-v</c> trace (connections, TLS, certificate) and curl's own error messages.
/// </summary>
internal sealed record CurlResult(int ExitCode, string Body, int Status, string HttpVersion, string Trace)
{
    public string Describe() => $"curl exit code {ExitCode}, status {Status}, HTTP version '{HttpVersion}'\n--- body ---\n{Body}\n--- stderr ---\n{Trace}";
}
