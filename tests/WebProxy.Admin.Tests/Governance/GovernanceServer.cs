using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using WebProxy.Storage;
using WebProxy.Testing;

namespace WebProxy.Admin.Tests.Governance;

/// <summary>
/// The whole server (<see cref="Host.Hosting.WebProxyServer"/>: proxy port and admin port, ports chosen by the OS)
/// with <see cref="Organisation"/> as its <c>directory.json</c> and a fresh governance database in a temp folder, and
/// an HTTP client on the admin port over real sockets. Every caller is signed in with HTTP Basic per request, the way
/// a script uses the API; no cookies are kept.
/// </summary>
internal sealed class GovernanceServer : IAsyncDisposable
{
    private readonly ProxyUnderTest _proxy;

    private GovernanceServer(ProxyUnderTest proxy)
    {
        _proxy = proxy;
        Client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = proxy.AdminUri,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public HttpClient Client { get; }

    public string DataDirectory => _proxy.DataDirectory;

    public static async Task<GovernanceServer> StartAsync()
    {
        var proxy = await ProxyUnderTest.StartAsync(configure: settings =>
            TestOrganisation.WriteTo(settings.DataDirectory, Organisation.Directory));
        return new GovernanceServer(proxy);
    }

    /// <summary>A request as <paramref name="caller"/> (a person id, <see cref="Organisation.Anonymous"/> or <see cref="Organisation.WrongPassword"/>).</summary>
    public Task<HttpResponseMessage> SendAsync(string caller, HttpMethod method, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (Authorization(caller) is { } authorization)
        {
            request.Headers.Authorization = authorization;
        }

        return Client.SendAsync(request);
    }

    /// <summary>A request with a JSON body (serialised with the web defaults: camelCase).</summary>
    public Task<HttpResponseMessage> SendJsonAsync(string caller, HttpMethod method, string path, object body) =>
        SendAsync(caller, method, path, JsonContent.Create(body));

    /// <summary>A request with a body sent exactly as given.</summary>
    public Task<HttpResponseMessage> SendTextAsync(string caller, HttpMethod method, string path, string body, string mediaType = "application/json") =>
        SendAsync(caller, method, path, new StringContent(body, Encoding.UTF8, mediaType));

    public Task<HttpResponseMessage> GetAsync(string caller, string path) => SendAsync(caller, HttpMethod.Get, path);

    /// <summary>GETs <paramref name="path"/> as <paramref name="caller"/>, expecting 200 and JSON.</summary>
    public async Task<JsonElement> GetJsonAsync(string caller, string path)
    {
        using var response = await GetAsync(caller, path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} as {caller}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>
    /// Signs <paramref name="caller"/> in once (the server remembers a good Basic header for ten minutes), so later
    /// calls write no <c>admin_login</c> record and a count of the log shows only what the call under test wrote.
    /// </summary>
    public async Task SignInAsync(string caller) => await GetJsonAsync(caller, "/api/me");

    /// <summary>How many records the governance log holds, checked by IT through <c>GET /api/log/verify</c>.</summary>
    public async Task<long> LogCountAsync()
    {
        var verification = await GetJsonAsync(TestOrganisation.ItPerson, "/api/log/verify");
        Assert.True(verification.GetProperty("isValid").GetBoolean(), verification.ToString());
        return verification.GetProperty("count").GetInt64();
    }

    /// <summary>Every record of the last day and the next, read by the privacy officer (a read that is itself recorded).</summary>
    public async Task<JsonElement[]> ReadLogAsync(string purpose = "checking the test's records", string? subject = null, string caller = TestOrganisation.PrivacyOfficer)
    {
        var log = await GetJsonAsync(caller, LogPath(purpose, subject));
        return [.. log.EnumerateArray()];
    }

    /// <summary>The <c>GET /api/log</c> path for the day around now.</summary>
    public static string LogPath(string purpose, string? subject = null)
    {
        var now = DateTimeOffset.UtcNow;
        var path = $"/api/log?from={Time(now.AddDays(-1))}&to={Time(now.AddDays(1))}&purpose={Uri.EscapeDataString(purpose)}";
        return subject is null ? path : $"{path}&subject={Uri.EscapeDataString(subject)}";
    }

    /// <summary>A research exemption (gambling, 30 days from now), granted through the API; returns its id.</summary>
    public async Task<Guid> GrantResearchAsync(string subject = TestOrganisation.Researcher, string grantor = TestOrganisation.Manager)
    {
        using var response = await SendJsonAsync(grantor, HttpMethod.Post, "/api/exemptions/research", ResearchBody(subject));
        return await CreatedIdAsync(response);
    }

    /// <summary>A size exemption (1 GB, 30 days from now), granted by the technical architect; returns its id.</summary>
    public async Task<Guid> GrantSizeAsync(string subject = TestOrganisation.OtherManager)
    {
        using var response = await SendJsonAsync(TestOrganisation.Architect, HttpMethod.Post, "/api/exemptions/size", SizeBody(subject));
        return await CreatedIdAsync(response);
    }

    public static object ResearchBody(string subject) => new
    {
        subject,
        categories = new[] { "gambling" },
        end = DateTimeOffset.UtcNow.AddDays(30),
        reason = "Inspection of gambling permits",
    };

    public static object SizeBody(string subject) => new
    {
        subject,
        maxBytes = 1_000_000_000L,
        end = DateTimeOffset.UtcNow.AddDays(30),
        reason = "Uploads of aerial photographs to the cadastre",
    };

    /// <summary>
    /// A record's action by its stored name (<c>personal_data_read</c>). Accepts the enum's number as well, so the
    /// tests about who reads what do not depend on how the API spells it; <c>PersonalDataReadTests</c> checks that.
    /// </summary>
    public static string ActionOf(JsonElement record)
    {
        var action = record.GetProperty("action");
        return action.ValueKind == JsonValueKind.Number
            ? GovernanceActionNames.ToName((GovernanceAction)action.GetInt32())
            : action.GetString()!;
    }

    public static string Time(DateTimeOffset time) =>
        Uri.EscapeDataString(time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _proxy.DisposeAsync();
    }

    private static AuthenticationHeaderValue? Authorization(string caller) => caller switch
    {
        Organisation.Anonymous => null,
        Organisation.WrongPassword => Basic(TestOrganisation.Manager, "not the right password at all"),
        _ => Basic(caller, TestOrganisation.PasswordOf(caller)),
    };

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    private static async Task<Guid> CreatedIdAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"grant: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
    }
}
