using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using WebProxy.Admin.Tests.Governance;
using WebProxy.Policy.Identity;
using WebProxy.Storage;
using WebProxy.Testing;
using static WebProxy.Testing.TestOrganisation;

namespace WebProxy.Admin.Tests.Investigations;

/// <summary>
/// The whole server (<see cref="Host.Hosting.WebProxyServer"/>, as <see cref="GovernanceServer"/> runs it) with a
/// directory of the test organisation and a fresh data folder, and an HTTP client on the admin port over real
/// sockets. Every caller signs in with HTTP Basic per request; no cookies are kept. The clock is the real one: periods
/// are set from now.
/// </summary>
internal sealed class InvestigationServer : IAsyncDisposable
{
    public const string Purpose = "Suspected leaking of tender documents to a bidder, case 2026-031";

    public const string LegalGround = "Article 6.2 Privacyreglement: a concrete suspicion of a serious breach of the conduct code";

    private readonly ProxyUnderTest _proxy;
    private readonly Func<string, string> _passwordOf;

    private InvestigationServer(ProxyUnderTest proxy, Func<string, string> passwordOf)
    {
        _proxy = proxy;
        _passwordOf = passwordOf;
        Client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = proxy.AdminUri,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public HttpClient Client { get; }

    public ProxyUnderTest Proxy => _proxy;

    public string DataDirectory => _proxy.DataDirectory;

    /// <summary>
    /// Starts the server over <see cref="Organisation.Directory"/> (everyone their own password), or over
    /// <see cref="TestOrganisation.WithAlderman"/> (everyone <see cref="TestOrganisation.Password"/>) when
    /// <paramref name="withAlderman"/>.
    /// </summary>
    public static async Task<InvestigationServer> StartAsync(bool withAlderman = false, Action<Host.Configuration.WebProxySettings>? configure = null)
    {
        var directory = withAlderman ? WithAlderman : Organisation.Directory;
        var proxy = await ProxyUnderTest.StartAsync(configure: settings =>
        {
            TestOrganisation.WriteTo(settings.DataDirectory, directory);
            configure?.Invoke(settings);
        });
        return new InvestigationServer(proxy, withAlderman ? _ => Password : PasswordOf);
    }

    /// <summary>A request as <paramref name="caller"/> (a person id, <see cref="Organisation.Anonymous"/> or <see cref="Organisation.WrongPassword"/>).</summary>
    public Task<HttpResponseMessage> SendAsync(string caller, HttpMethod method, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (caller != Organisation.Anonymous)
        {
            var (user, password) = caller == Organisation.WrongPassword ? (Manager, "not the right password at all") : (caller, _passwordOf(caller));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        }

        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string caller, string path) => SendAsync(caller, HttpMethod.Get, path);

    /// <summary>A POST with a JSON body (serialised with the web defaults: camelCase).</summary>
    public Task<HttpResponseMessage> PostJsonAsync(string caller, string path, object body) =>
        SendAsync(caller, HttpMethod.Post, path, JsonContent.Create(body));

    /// <summary>A call and its answer: the status and the body as text and, when it is JSON, parsed.</summary>
    public async Task<Answer> CallAsync(string caller, HttpMethod method, string path, object? body = null)
    {
        using var response = await SendAsync(caller, method, path, body is null ? null : JsonContent.Create(body));
        var text = await response.Content.ReadAsStringAsync();
        JsonElement? json = null;
        if (response.Content.Headers.ContentType?.MediaType is "application/json" or "application/problem+json")
        {
            json = JsonDocument.Parse(text).RootElement.Clone();
        }

        return new Answer(response.StatusCode, text, json, response.Content.Headers.ContentType?.MediaType, response.Headers.Location);
    }

    public Task<Answer> GetAnswerAsync(string caller, string path) => CallAsync(caller, HttpMethod.Get, path);

    public Task<Answer> PostAsync(string caller, string path, object? body = null) => CallAsync(caller, HttpMethod.Post, path, body);

    /// <summary>An investigation request body; a day from now unless told otherwise.</summary>
    public static Dictionary<string, object?> RequestBody(
        string subject,
        string[] readers,
        string scope = "traffic",
        DateTimeOffset? start = null,
        DateTimeOffset? end = null) => new()
        {
            ["subject"] = subject,
            ["purpose"] = Purpose,
            ["legalGround"] = LegalGround,
            ["scope"] = scope,
            ["start"] = start,
            ["end"] = end ?? DateTimeOffset.UtcNow.AddDays(1),
            ["readers"] = readers,
        };

    /// <summary>POST /api/investigations as <paramref name="requester"/>, expecting 201; returns the id.</summary>
    public async Task<Guid> RequestAsync(string requester, string subject, string[] readers, string scope = "traffic", DateTimeOffset? start = null, DateTimeOffset? end = null)
    {
        var answer = await PostAsync(requester, "/api/investigations", RequestBody(subject, readers, scope, start, end));
        Assert.True(answer.Status == HttpStatusCode.Created, $"request as {requester}: {answer}");
        return answer.Json!.Value.GetProperty("id").GetGuid();
    }

    /// <summary>POST /api/investigations/{id}/approve as <paramref name="approver"/>, expecting 200.</summary>
    public async Task<JsonElement> ApproveAsync(Guid id, string approver = Secretary, bool deferDisclosure = false)
    {
        var answer = await PostAsync(approver, $"/api/investigations/{id}/approve", new { deferDisclosure });
        Assert.True(answer.Status == HttpStatusCode.OK, $"approve as {approver}: {answer}");
        return answer.Json!.Value;
    }

    /// <summary>
    /// Signs <paramref name="caller"/> in once (the server remembers a good Basic header for ten minutes), so later
    /// calls write no <c>admin_login</c> record.
    /// </summary>
    public async Task SignInAsync(string caller)
    {
        var answer = await GetAnswerAsync(caller, "/api/me");
        Assert.True(answer.Status == HttpStatusCode.OK, answer.ToString());
    }

    /// <summary>How many records the governance log holds, checked by IT through <c>GET /api/log/verify</c>.</summary>
    public async Task<long> LogCountAsync()
    {
        var verification = await GetAnswerAsync(ItPerson, "/api/log/verify");
        Assert.True(verification.Status == HttpStatusCode.OK, verification.ToString());
        Assert.True(verification.Json!.Value.GetProperty("isValid").GetBoolean(), verification.ToString());
        return verification.Json!.Value.GetProperty("count").GetInt64();
    }

    /// <summary>Every record of the last day and the next, read by the privacy officer (a read that is itself recorded).</summary>
    public async Task<JsonElement[]> ReadLogAsync(string purpose = "checking the test's records")
    {
        var now = DateTimeOffset.UtcNow;
        var answer = await GetAnswerAsync(PrivacyOfficer,
            $"/api/log?from={Time(now.AddDays(-1))}&to={Time(now.AddDays(1))}&purpose={Uri.EscapeDataString(purpose)}");
        Assert.True(answer.Status == HttpStatusCode.OK, answer.ToString());
        return [.. answer.Json!.Value.EnumerateArray()];
    }

    /// <summary>The records of one action, by its stored name.</summary>
    public async Task<JsonElement[]> RecordsAsync(string action) =>
        [.. (await ReadLogAsync()).Where(r => GovernanceServer.ActionOf(r) == action)];

    /// <summary>Rewrites <c>directory.json</c> with <paramref name="change"/> applied; the server reads it before its next decision.</summary>
    public void ChangeDirectory(Func<PersonDirectory, PersonDirectory> change)
    {
        var path = Path.Combine(DataDirectory, "directory.json");
        var current = PersonDirectoryFile.Parse(File.ReadAllText(path), path);
        TestOrganisation.WriteTo(DataDirectory, change(current));
    }

    public static string? Detail(JsonElement record, string field)
    {
        using var details = JsonDocument.Parse(record.GetProperty("details").GetString()!);
        return details.RootElement.TryGetProperty(field, out var value) ? value.ToString() : null;
    }

    public static string Time(DateTimeOffset time) =>
        Uri.EscapeDataString(time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _proxy.DisposeAsync();
    }

    /// <summary>An answer of the admin port.</summary>
    public sealed record Answer(HttpStatusCode Status, string Text, JsonElement? Json, string? MediaType, Uri? Location)
    {
        /// <summary>The problem's <c>field</c>; fails when the answer is not a problem.</summary>
        public string Field
        {
            get
            {
                Assert.True(MediaType == "application/problem+json", $"not a problem: {this}");
                return Json!.Value.GetProperty("field").GetString()!;
            }
        }

        public override string ToString() => $"{(int)Status} {Text}";
    }
}
