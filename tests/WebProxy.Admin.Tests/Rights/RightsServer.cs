using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using WebProxy.Admin.Governance;
using WebProxy.Admin.ManagerPages;
using WebProxy.Admin.Rights;
using WebProxy.Governance;
using WebProxy.Policy.Exemptions;
using WebProxy.Storage;
using WebProxy.Testing;

namespace WebProxy.Admin.Tests.Rights;

/// <summary>
/// The rights API on a real Kestrel host (127.0.0.1, a port chosen by the OS), wired as the host wires it: the
/// governance services over <see cref="TestOrganisation"/> and a fresh governance database in a temp folder,
/// <see cref="AdminServiceCollectionExtensions.AddWebProxyGovernance"/>, the rights and investigation services as singletons,
/// <see cref="RightsApi.MapRightsApi"/> and the pages (<see cref="ManagerPageEndpoints.MapManagerPages"/>, for the
/// article-8 and investigation pages and the sign-in form; <see cref="PageSession"/> uses them). A fake clock, so due dates can pass. Callers sign in with HTTP Basic per
/// request (everyone has <see cref="TestOrganisation.Password"/>); <see cref="Anonymous"/> sends no credentials.
/// </summary>
internal sealed class RightsServer : IAsyncDisposable
{
    public const string Anonymous = "(anonymous)";

    private readonly TempDirectory _data;
    private readonly WebApplication _app;

    private RightsServer(TempDirectory data, FakeTimeProvider clock, GovernanceServices governance, WebApplication app, Uri address)
    {
        _data = data;
        Clock = clock;
        Governance = governance;
        _app = app;
        Client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>A Monday morning; the fake clock starts here.</summary>
    public static DateTimeOffset Start { get; } = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; }

    public GovernanceServices Governance { get; }

    public HttpClient Client { get; }

    /// <summary>Starts the host; the pages show and read times in <paramref name="zone"/> (UTC unless given).</summary>
    public static async Task<RightsServer> StartAsync(TimeZoneInfo? zone = null)
    {
        var data = new TempDirectory();
        var clock = new FakeTimeProvider(Start);
        var governance = GovernanceServices.Open(data.Path, new DirectoryFile(TestOrganisation.WriteTo(data.Path)), ExemptionSettings.Default, clock);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddWebProxyGovernance(new GovernanceEndpointsContext(
            governance.State, governance.Exemptions, governance.Directory, governance.SignIn, governance.LogService, clock, zone ?? TimeZoneInfo.Utc));
        builder.Services.AddSingleton(governance.SubjectAccess);
        builder.Services.AddSingleton(governance.RightsRequests);
        builder.Services.AddSingleton(governance.Investigations);
        var app = builder.Build();
        app.MapRightsApi();
        app.MapManagerPages();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new RightsServer(data, clock, governance, app, new Uri(address));
    }

    /// <summary>A request as <paramref name="caller"/> (a person id, or <see cref="Anonymous"/>).</summary>
    public Task<HttpResponseMessage> SendAsync(string caller, HttpMethod method, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (caller != Anonymous)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{caller}:{TestOrganisation.Password}")));
        }

        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostJsonAsync(string caller, string path, object body) =>
        SendAsync(caller, HttpMethod.Post, path, JsonContent.Create(body));

    /// <summary>Sends and expects <paramref name="status"/>; returns the JSON body.</summary>
    public async Task<JsonElement> ExpectAsync(HttpStatusCode status, string caller, HttpMethod method, string path, object? body = null)
    {
        using var response = await SendAsync(caller, method, path, body is null ? null : JsonContent.Create(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{method} {path} as {caller}: expected {(int)status}, got {(int)response.StatusCode} {text}");
        if (status >= HttpStatusCode.BadRequest)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public Task<JsonElement> GetJsonAsync(string caller, string path) => ExpectAsync(HttpStatusCode.OK, caller, HttpMethod.Get, path);

    /// <summary>Files a request as <paramref name="caller"/> through the API; returns its id.</summary>
    public async Task<Guid> FileAsync(string caller, string kind = "correct", string text = "My department in the directory is wrong")
    {
        var created = await ExpectAsync(HttpStatusCode.Created, caller, HttpMethod.Post, "/api/me/requests", new { kind, text });
        return created.GetProperty("id").GetGuid();
    }

    /// <summary>Every record in the governance log.</summary>
    public IReadOnlyList<GovernanceRecord> Records() => Governance.Log.Read(DateTimeOffset.MinValue, DateTimeOffset.MaxValue);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Governance.Dispose();
        _data.Dispose();
    }
}
