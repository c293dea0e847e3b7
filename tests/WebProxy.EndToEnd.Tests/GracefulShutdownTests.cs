using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using WebProxy.EndToEnd.Tests.Support;
using WebProxy.Testing;

namespace WebProxy.EndToEnd.Tests;

/// <summary>
/// SIGTERM, as systemd, Docker and Kubernetes send it on stop: the proxy stops accepting, lets open requests
/// finish within <c>ShutdownDrainTimeout</c>, and exits by itself with code 0.
/// </summary>
public sealed class GracefulShutdownTests : IAsyncLifetime
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(4);

    // Time for the runtime to stop the two applications and exit after the drain, on a busy two-core machine.
    private static readonly TimeSpan ExitSlack = TimeSpan.FromSeconds(3);

    private readonly TestCertificates _certificates = new();
    private OriginServer _origin = null!;
    private ProxyProcess _proxy = null!;

    public async Task InitializeAsync()
    {
        _origin = await OriginServer.StartAsync();
        _proxy = await ProxyProcess.StartAsync(_certificates, [], config =>
            config["Proxy"]!["Limits"]!["ShutdownDrainTimeout"] = DrainTimeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task DisposeAsync()
    {
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        if (_origin is not null)
        {
            await _origin.DisposeAsync();
        }

        _certificates.Dispose();
    }

    [Fact]
    public async Task A_request_in_flight_at_SIGTERM_completes_and_the_process_exits_with_code_0()
    {
        var slow = await StartSlowRequestAsync(2000);

        _proxy.Signal(NativeMethods.SigTerm);
        var exited = _proxy.WaitForExitAsync(DrainTimeout + ExitSlack);

        var result = await slow;
        Assert.True(result.ExitCode == 0 && result.Status == 200, result.Describe() + "\n--- proxy ---\n" + _proxy.Output);
        Assert.Equal("slow answer", result.Body);
        Assert.True(await exited, $"The proxy was still running {DrainTimeout + ExitSlack} after SIGTERM:\n{_proxy.Output}");
        Assert.Equal(0, _proxy.ExitCode);
        Assert.Contains("WebProxy is stopping", _proxy.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task While_draining_the_proxy_accepts_no_new_connections()
    {
        var slow = await StartSlowRequestAsync(2000);

        _proxy.Signal(NativeMethods.SigTerm);

        var refused = false;
        var waited = Stopwatch.StartNew();
        while (!refused && !slow.IsCompleted && waited.Elapsed < TimeSpan.FromSeconds(1.5))
        {
            refused = await IsRefusedAsync(_proxy.ProxyPort);
        }

        Assert.True(refused, $"New connections were still accepted {waited.Elapsed} after SIGTERM, while a request was draining.");
        Assert.False(slow.IsCompleted, "The slow request ended before the listener closed; the test proves nothing.");
        var result = await slow;
        Assert.True(result.Status == 200, result.Describe());
    }

    [Fact]
    public async Task A_request_longer_than_the_drain_time_is_cut_and_the_process_still_exits_in_time()
    {
        var slow = await StartSlowRequestAsync(60_000);

        _proxy.Signal(NativeMethods.SigTerm);

        Assert.True(await _proxy.WaitForExitAsync(DrainTimeout + ExitSlack),
            $"The proxy was still running {DrainTimeout + ExitSlack} after SIGTERM with a request open:\n{_proxy.Output}");
        var result = await slow;
        Assert.NotEqual(200, result.Status);
        Assert.NotEqual(0, result.ExitCode);
    }

    /// <summary>Starts curl for /slow/<paramref name="milliseconds"/> and returns once the origin is working on it.</summary>
    private async Task<Task<CurlResult>> StartSlowRequestAsync(int milliseconds)
    {
        var received = _origin.ReceivedHeaders.Count;
        var request = Curl.RunAsync(["-x", _proxy.ProxyUrl, $"http://plain.test:{_origin.Port}/slow/{milliseconds}"], TimeSpan.FromSeconds(90));
        var waited = Stopwatch.StartNew();
        while (_origin.ReceivedHeaders.Count == received)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), "The slow request never reached the origin.");
            Assert.False(request.IsCompleted, $"curl ended before the origin saw the request: {(request.IsCompletedSuccessfully ? request.Result.Describe() : request.Exception?.ToString())}");
            await Task.Delay(20);
        }

        return request;
    }

    private static async Task<bool> IsRefusedAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            await Task.Delay(50);
            return false;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return true;
        }
    }
}
