using WebProxy.Testing;

namespace WebProxy.EndToEnd.Tests.Support;

/// <summary>
/// The real curl (<c>/usr/bin/curl</c>), as users and monitoring scripts run it. <c>-q</c> ignores any ~/.curlrc
/// and the environment's proxy variables are removed, so only the proxy a test names is used.
/// </summary>
internal static class Curl
{
    // After the body: a line with the status and the HTTP version curl used ("200 2", "502 1.1").
    private const string Marker = "\n@@curl@@ ";

    /// <summary>Runs curl for one URL with <paramref name="arguments"/> and the write-out that reports status and version.</summary>
    public static async Task<CurlResult> RunAsync(IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var result = await RunRawAsync(["--write-out", Marker + "%{http_code} %{http_version}", .. arguments], timeout);
        var cut = result.StandardOutput.LastIndexOf(Marker, StringComparison.Ordinal);
        Assert.True(cut >= 0, $"curl wrote no status line.\n{result.Describe()}");
        var fields = result.StandardOutput[(cut + Marker.Length)..].Split(' ');
        return new CurlResult(result.ExitCode, result.StandardOutput[..cut], int.Parse(fields[0], System.Globalization.CultureInfo.InvariantCulture), fields[1].Trim(), result.StandardError);
    }

    /// <summary>Runs curl with exactly <paramref name="arguments"/> (after -q, --silent, --show-error).</summary>
    public static Task<ChildProcessResult> RunRawAsync(IEnumerable<string> arguments, TimeSpan? timeout = null) =>
        ChildProcess.RunAsync(RequiredTool.Find("curl", "curl"), ["-q", "--silent", "--show-error", .. arguments], timeout ?? TimeSpan.FromSeconds(30));
}
