using System.Globalization;
using WebProxy.EndToEnd.Tests.Support;
using WebProxy.Testing;

namespace WebProxy.EndToEnd.Tests;

/// <summary>
/// A gibibyte each way through the proxy process while its memory stays flat: bodies stream, they are never
/// buffered. Each test starts its own proxy, so the memory measured is that transfer's alone. These are the
/// only slow tests of the suite.
/// </summary>
public sealed class LargeBodyTests : IAsyncLifetime
{
    private const long GiB = 1024L * 1024 * 1024;

    // Generous for buffers, pools and the GC's heap growth, and still far below the body's size.
    private const long MaxGrowth = 150 * ProcessMemory.MiB;

    private readonly TestCertificates _certificates = new();
    private OriginServer _origin = null!;
    private ProxyProcess _proxy = null!;

    public async Task InitializeAsync()
    {
        _origin = await OriginServer.StartAsync();
        _proxy = await ProxyProcess.StartAsync(_certificates, []);
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
    public async Task A_1_GiB_download_streams_through_without_the_proxy_memory_growing()
    {
        var before = await WarmedUpMemoryAsync();

        var result = await Curl.RunRawAsync(
            ["-x", _proxy.ProxyUrl, "-o", "/dev/null", "--write-out", "%{http_code} %{size_download}", Url($"/bytes/{GiB}")],
            TimeSpan.FromSeconds(120));

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Equal($"200 {GiB}", result.StandardOutput);
        AssertMemoryStayedFlat(before, _proxy.Memory());

        var counted = MetricSample.ParseAll(await _proxy.ScrapeMetricsAsync())
            .Single(s => s.Name == "webproxy_traffic_to_client_bytes_total" && s.Labels["traffic"] == "http");
        Assert.True(counted.Value >= GiB, $"Bytes to clients counted {counted.Value}, fewer than the gibibyte sent.");
    }

    [Fact]
    public async Task A_1_GiB_upload_streams_through_without_the_proxy_memory_growing()
    {
        // A sparse file: a gibibyte of zeros that takes no disk space and reads at memory speed.
        var file = Path.Combine(_proxy.WorkDirectory, "upload.bin");
        await using (var stream = File.Create(file))
        {
            stream.SetLength(GiB);
        }

        var before = await WarmedUpMemoryAsync();

        var result = await Curl.RunRawAsync(["-x", _proxy.ProxyUrl, "-T", file, Url("/count")], TimeSpan.FromSeconds(120));

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Equal(GiB.ToString(CultureInfo.InvariantCulture), result.StandardOutput);
        AssertMemoryStayedFlat(before, _proxy.Memory());

        var counted = MetricSample.ParseAll(await _proxy.ScrapeMetricsAsync())
            .Single(s => s.Name == "webproxy_traffic_to_origin_bytes_total" && s.Labels["traffic"] == "http");
        Assert.True(counted.Value >= GiB, $"Bytes to origins counted {counted.Value}, fewer than the gibibyte uploaded.");
    }

    private string Url(string path) => $"http://plain.test:{_origin.Port}{path}";

    /// <summary>
    /// Runs a small transfer each way first, so code paths are compiled and pools exist before the measurement:
    /// what is left to grow is what the big body itself costs.
    /// </summary>
    private async Task<ProcessMemory> WarmedUpMemoryAsync()
    {
        var download = await Curl.RunRawAsync(["-x", _proxy.ProxyUrl, "-o", "/dev/null", Url("/bytes/4194304")]);
        Assert.True(download.ExitCode == 0, download.Describe());
        var file = Path.Combine(_proxy.WorkDirectory, "warm-up.bin");
        await using (var stream = File.Create(file))
        {
            stream.SetLength(4 * ProcessMemory.MiB);
        }

        var upload = await Curl.RunRawAsync(["-x", _proxy.ProxyUrl, "-T", file, Url("/count")]);
        Assert.True(upload.ExitCode == 0, upload.Describe());
        return _proxy.Memory();
    }

    private static void AssertMemoryStayedFlat(ProcessMemory before, ProcessMemory after)
    {
        var growth = after.PeakResidentBytes - before.ResidentBytes;
        Assert.True(growth < MaxGrowth,
            $"The proxy's peak resident memory grew by {growth / ProcessMemory.MiB} MiB " +
            $"(from {before.ResidentBytes / ProcessMemory.MiB} MiB to a peak of {after.PeakResidentBytes / ProcessMemory.MiB} MiB); the bound is {MaxGrowth / ProcessMemory.MiB} MiB.");
    }
}
