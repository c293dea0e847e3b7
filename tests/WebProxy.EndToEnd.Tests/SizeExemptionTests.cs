using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using WebProxy.EndToEnd.Tests.Support;
using WebProxy.Storage;
using WebProxy.Testing;
using static WebProxy.EndToEnd.Tests.Support.ExemptionScenario;
using static WebProxy.Testing.TestOrganisation;

namespace WebProxy.EndToEnd.Tests;

/// <summary>
/// Article 5.4's size limit with the real <c>webproxy</c> process: a download over <c>Policy.DownloadLimitBytes</c>
/// is refused, until the technical architect grants a named size exemption — which lets that person, and only
/// that person, download up to the exemption's own limit, over plain HTTP and intercepted HTTPS alike.
/// </summary>
public sealed class SizeExemptionTests : IAsyncLifetime
{
    private const long MiB = 1024 * 1024;
    private const long Download = 3 * MiB;

    private ExemptionScenario _scenario = null!;

    public async Task InitializeAsync() =>
        _scenario = await ExemptionScenario.StartAsync(config => config["Policy"]!["DownloadLimitBytes"] = MiB);

    public async Task DisposeAsync()
    {
        if (_scenario is not null)
        {
            await _scenario.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_size_exemption_from_the_technical_architect_lets_its_subject_alone_download_past_the_limit()
    {
        var s = _scenario;
        var plain = s.PlainUrl(NeutralHost, $"/bytes/{Download}");
        var tls = s.TlsUrl(NeutralHost, $"/bytes/{Download}");

        // Without an exemption the limit holds for everyone, researcher included.
        AssertBlockPage(await s.CurlAsync(Researcher, plain), 403, "downloading files larger than allowed");
        AssertBlockPage(await s.CurlAsync(Researcher, tls), 403, "downloading files larger than allowed");
        AssertBlockPage(await s.CurlAsync(Colleague, plain), 403, "downloading files larger than allowed");

        // His manager cannot grant this one: only a technical architect can.
        var byManager = await s.GrantSizeAsync(Manager, Researcher, 5 * MiB, DateTimeOffset.UtcNow.AddHours(1));
        Assert.True(byManager.Status == HttpStatusCode.Forbidden, $"{byManager.Status}: {byManager.Body}");
        AssertBlockPage(await s.CurlAsync(Researcher, plain), 403, "downloading files larger than allowed");

        var grant = await s.GrantSizeAsync(Architect, Researcher, 5 * MiB, DateTimeOffset.UtcNow.AddHours(1));
        Assert.True(grant.Status == HttpStatusCode.Created, $"{grant.Status}: {grant.Body}");
        Assert.Equal(5 * MiB, JsonNode.Parse(grant.Body)!["maxBytes"]!.GetValue<long>());

        await AssertDownloadsAllAsync(Researcher, plain);
        await AssertDownloadsAllAsync(Researcher, plain + "?chunked=1");
        AssertBlockPage(await s.CurlAsync(Colleague, plain), 403, "downloading files larger than allowed");
        AssertBlockPage(await s.CurlAsync(null, plain), 403, "downloading files larger than allowed");

        // A size exemption is not a research exemption: the adult site stays blocked for him, its large file too.
        AssertBlockPage(await s.CurlAsync(Researcher, s.PlainUrl(AdultHost, "/hello")), 403, "pornographic sites");
        AssertBlockPage(await s.CurlAsync(Researcher, s.TlsUrl(AdultHost, $"/bytes/{Download}")), 403, "pornographic sites");

        // Over intercepted HTTPS the same: his CONNECT carries his credentials, the requests inside inherit them.
        AssertBlockPage(await s.CurlAsync(Colleague, tls), 403, "downloading files larger than allowed");
        await AssertDownloadsAllAsync(Researcher, tls);

        // The exemption's own limit still holds: 6 MiB is more than the 5 MiB granted.
        AssertBlockPage(await s.CurlAsync(Researcher, s.PlainUrl(NeutralHost, $"/bytes/{6 * MiB}")), 403, "downloading files larger than allowed");

        var records = s.ReadGovernanceLog();
        var granted = Assert.Single(records, r => r.Action == GovernanceAction.ExemptionGranted && r.Actor == Architect);
        Assert.Equal(Researcher, granted.Subject);
        using (var details = JsonDocument.Parse(granted.Details))
        {
            Assert.Equal("size", details.RootElement.GetProperty("kind").GetString());
            Assert.Equal(5 * MiB, details.RootElement.GetProperty("maxBytes").GetInt64());
        }

        var verify = await WebProxyExecutable.RunAsync(["log", "verify", "--data", s.DataDirectory], s.Proxy.WorkDirectory);
        Assert.True(verify.ExitCode == 0, verify.Describe());
    }

    /// <summary>Downloads to a file and checks every byte of the origin's pattern arrived.</summary>
    private async Task AssertDownloadsAllAsync(string person, string url)
    {
        var file = Path.Combine(_scenario.Proxy.WorkDirectory, $"download-{Guid.NewGuid():N}.bin");
        var result = await _scenario.CurlAsync(person, url, "-o", file);
        Assert.True(result.ExitCode == 0 && result.Status == 200, result.Describe());
        var bytes = await File.ReadAllBytesAsync(file);
        Assert.Equal(Download, bytes.LongLength);
        var block = OriginServer.Pattern(64 * OriginServer.KiB);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != block[i % block.Length])
            {
                Assert.Fail($"Byte {i} of the download is {bytes[i]}, expected {block[i % block.Length]}.");
            }
        }

        File.Delete(file);
    }
}
