using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using WebProxy.Host.Configuration;
using WebProxy.Host.Hosting;
using WebProxy.Testing;

namespace WebProxy.EndToEnd.Tests.Support;

/// <summary>
/// The real proxy (<see cref="WebProxyServer"/>: proxy port and admin port on 127.0.0.1, ports chosen by the OS) started
/// in this test process on a data folder the test owns and a clock the test moves, so it can be stopped and started
/// again on the same data, as an operator restarts it. Workstations browse through the proxy port, signed in with a
/// preemptive <c>Proxy-Authorization: Basic</c> (<see cref="TestOrganisation.PasswordOf"/>) or anonymously; people call
/// the admin API with HTTP Basic, without any proxy.
/// </summary>
internal sealed class InProcessProxy : IAsyncDisposable
{
    private readonly WebProxyServer _server;
    private readonly HttpClient _browser;
    private readonly HttpClient _admin;
    private int _browsed;

    private InProcessProxy(WebProxyServer server)
    {
        _server = server;
        ProxyUri = new Uri($"http://127.0.0.1:{server.ProxyEndPoint.Port}");
        AdminUri = new Uri($"http://127.0.0.1:{server.AdminEndPoint.Port}");
        _browser = new HttpClient(new SocketsHttpHandler
        {
            Proxy = new System.Net.WebProxy(ProxyUri),
            UseProxy = true,
            UseCookies = false,
            AllowAutoRedirect = false,
        })
        { Timeout = TimeSpan.FromSeconds(30) };
        _admin = new HttpClient(new SocketsHttpHandler { UseProxy = false, UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = AdminUri,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public Uri ProxyUri { get; }

    public Uri AdminUri { get; }

    /// <summary>
    /// Starts the proxy on <paramref name="dataDirectory"/> with <paramref name="clock"/>, <paramref name="pinnedHosts"/>
    /// resolved to 127.0.0.1, the shipped category rules, and otherwise the defaults an operator gets;
    /// <paramref name="configure"/> changes the settings further.
    /// </summary>
    public static async Task<InProcessProxy> StartAsync(string dataDirectory, TimeProvider clock, IEnumerable<string> pinnedHosts, Action<WebProxySettings>? configure = null)
    {
        // Fresh settings on every start: the server fills in the client-facing URLs of the ports it bound.
        var settings = new WebProxySettings { DataDirectory = dataDirectory };
        settings.Proxy.Port = 0;
        settings.Admin.Port = 0;
        foreach (var host in pinnedHosts)
        {
            settings.Proxy.Hosts[host] = "127.0.0.1";
        }

        configure?.Invoke(settings);
        var server = await WebProxyServer.StartAsync(settings, clock, logging => logging.SetMinimumLevel(LogLevel.Warning));
        return new InProcessProxy(server);
    }

    /// <summary>
    /// A GET through the proxy from <paramref name="person"/>'s workstation, signed in (Basic, sent with the request),
    /// or anonymously when <paramref name="person"/> is null; the status and the body.
    /// </summary>
    public async Task<(HttpStatusCode Status, string Body)> BrowseAsync(string? person, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (person is not null)
        {
            request.Headers.ProxyAuthorization = Basic(person);
        }

        Interlocked.Increment(ref _browsed);
        using var response = await _browser.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Waits until the proxy has finished every request <see cref="BrowseAsync"/> sent (its <c>webproxy_requests_total</c>
    /// counts a request once it is recorded, after the client may already hold the answer), so moving the clock next
    /// cannot change how an earlier request is recorded.
    /// </summary>
    public async Task WaitUntilIdleAsync()
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var answered = await RequestsAnsweredAsync();
            if (answered >= Volatile.Read(ref _browsed))
            {
                Assert.Equal(Volatile.Read(ref _browsed), answered);
                return;
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), $"The proxy answered {answered} of {_browsed} requests after {waited.Elapsed.TotalSeconds:F0} s.");
            await Task.Delay(20);
        }
    }

    /// <summary>A call to the admin API as <paramref name="person"/>, with a JSON body when given.</summary>
    public async Task<AdminAnswer> CallAsync(string person, HttpMethod method, string pathAndQuery, JsonObject? body = null)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery)
        {
            Content = body is null ? null : new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = Basic(person);
        using var response = await _admin.SendAsync(request);
        return new AdminAnswer(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
    }

    public Task<AdminAnswer> GetAsync(string person, string pathAndQuery) => CallAsync(person, HttpMethod.Get, pathAndQuery);

    public Task<AdminAnswer> PostAsync(string person, string pathAndQuery, JsonObject? body = null) => CallAsync(person, HttpMethod.Post, pathAndQuery, body);

    /// <summary>Stops both ports, letting open exchanges finish, and closes the data files.</summary>
    public async ValueTask DisposeAsync()
    {
        _browser.Dispose();
        _admin.Dispose();
        await _server.DisposeAsync();
    }

    /// <summary>The retention job's deletions of <paramref name="retentionClass"/> since this process started, from <c>/metrics</c>.</summary>
    public async Task<double> RetentionDeletedAsync(string retentionClass)
    {
        using var response = await _admin.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        return MetricSample.ParseAll(await response.Content.ReadAsStringAsync())
            .Single(s => s.Name == "webproxy_retention_deleted_records_total" && s.Labels.GetValueOrDefault("class") == retentionClass).Value;
    }

    private async Task<int> RequestsAnsweredAsync()
    {
        using var response = await _admin.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        var samples = MetricSample.ParseAll(await response.Content.ReadAsStringAsync());
        return (int)samples.Where(s => s.Name == "webproxy_requests_total").Sum(s => s.Value);
    }

    private static AuthenticationHeaderValue Basic(string person) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{person}:{TestOrganisation.PasswordOf(person)}")));
}

/// <summary>An answer of the admin API: the status, the body and its media type.</summary>
internal sealed record AdminAnswer(HttpStatusCode Status, string Text, string? MediaType)
{
    /// <summary>The body as JSON; fails the test when it is not.</summary>
    public JsonElement Json
    {
        get
        {
            Assert.True(MediaType is "application/json" or "application/problem+json", $"Not JSON: {this}");
            return JsonDocument.Parse(Text).RootElement.Clone();
        }
    }

    public override string ToString() => $"{(int)Status} {MediaType}: {Text}";

    /// <summary>The admin API's time format for query strings.</summary>
    public static string Time(DateTimeOffset time) =>
        Uri.EscapeDataString(time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
}
