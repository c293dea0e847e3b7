using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using WebProxy.EndToEnd.Tests.Support;
using WebProxy.Testing;

namespace WebProxy.EndToEnd.Tests;

/// <summary>
/// `webproxy categories update` with UT1's own blacklists.tar.gz, against a running proxy process: the new lists
/// are compiled, activated and enforced without a restart; a bad source changes nothing.
/// </summary>
public sealed class CategoriesUpdateTests : IAsyncLifetime
{
    private readonly TestCertificates _certificates = new();
    private OriginServer _origin = null!;
    private ProxyProcess _proxy = null!;

    public async Task InitializeAsync()
    {
        _origin = await OriginServer.StartAsync();
        _proxy = await ProxyProcess.StartAsync(_certificates, [], config =>
        {
            config["Policy"]!["InterceptionMode"] = "BlockedOnly";
            ((JsonObject)config["Proxy"]!["Hosts"]!)["www.bet365.com"] = "127.0.0.1";

            // Reloading on the admin port is IT's to do.
            TestOrganisation.WriteTo((string)config["DataDirectory"]!);
        });
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

    private string Url => $"http://www.bet365.com:{_origin.Port}/hello";

    [Fact]
    public async Task Imported_UT1_lists_are_enforced_by_the_running_proxy_without_a_restart()
    {
        Assert.Equal(200, await StatusAsync());

        var update = await WebProxyExecutable.RunAsync(
            ["categories", "update", "--config", _proxy.ConfigPath, "--source", Ut1Archive()], _proxy.WorkDirectory, TimeSpan.FromMinutes(2));
        Assert.True(update.ExitCode == 0, update.Describe());
        Assert.Contains("gambling", update.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("alias porn -> adult", update.StandardOutput, StringComparison.Ordinal);

        // The running proxy's watcher swaps the new index in within seconds.
        var deadline = DateTimeOffset.UtcNow.AddSeconds(15);
        int status;
        do
        {
            await Task.Delay(200);
            status = await StatusAsync();
        }
        while (status != 403 && DateTimeOffset.UtcNow < deadline);
        Assert.Equal(403, status);

        // A source that does not exist is refused in one line, and the active lists stay.
        var bad = await WebProxyExecutable.RunAsync(
            ["categories", "update", "--config", _proxy.ConfigPath, "--source", Path.Combine(_proxy.WorkDirectory, "no-such-lists.tar.gz")], _proxy.WorkDirectory);
        Assert.Equal(2, bad.ExitCode);
        Assert.StartsWith("webproxy: ", bad.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", bad.StandardError, StringComparison.Ordinal);
        using var admin = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        using (var anonymous = await admin.PostAsync(new Uri(_proxy.AdminUri, "/categories/reload"), null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_proxy.AdminUri, "/categories/reload"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TestOrganisation.ItPerson}:{TestOrganisation.Password}")));
        using var reload = await admin.SendAsync(request);
        Assert.True(reload.IsSuccessStatusCode, await reload.Content.ReadAsStringAsync());
        Assert.Equal(403, await StatusAsync());
    }

    [Fact]
    public async Task SIGHUP_reloads_the_compiled_index_like_daemons_conventionally_do()
    {
        _proxy.Signal(1);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        while (!_proxy.Output.Contains("Category index reloaded.", StringComparison.Ordinal) && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Contains("Category index reloaded.", _proxy.Output, StringComparison.Ordinal);
        Assert.False(_proxy.HasExited);
        Assert.Equal(200, await StatusAsync());
    }

    private async Task<int> StatusAsync() => (await Curl.RunAsync(["-x", _proxy.ProxyUrl, "-o", "/dev/null", Url])).Status;

    private static string Ut1Archive() => SharedData.File("categories", "ut1", "ut1-selected-blacklists.tar.gz");
}
