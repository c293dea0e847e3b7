using System.Net;
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
using WebProxy.Admin.Tests.Rights;
using WebProxy.Governance;
using WebProxy.Policy.Exemptions;
using WebProxy.Storage;
using WebProxy.Testing;

namespace WebProxy.Admin.Tests.Investigations;

/// <summary>
/// The pages of the admin port (<see cref="ManagerPageEndpoints.MapManagerPages"/>, the investigation pages among them)
/// on a real Kestrel host (127.0.0.1, a port chosen by the OS), over <see cref="TestOrganisation"/> and a fresh
/// governance and capture database in a temp folder, with the <see cref="InvestigationService"/> registered as the host
/// registers it. A fake clock, and the admin time zone Europe/Amsterdam, so the forms' local times are converted.
/// People sign in through the login form (<see cref="SignInAsync"/>), as <see cref="PageSession"/> does for
/// <see cref="RightsServer"/>.
/// </summary>
internal sealed class InvestigationPagesServer : IAsyncDisposable
{
    public static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    private readonly TempDirectory _data;
    private readonly WebApplication _app;

    private InvestigationPagesServer(TempDirectory data, FakeTimeProvider clock, GovernanceServices governance, WebApplication app, Uri address)
    {
        _data = data;
        Clock = clock;
        Governance = governance;
        _app = app;
        Address = address;
    }

    /// <summary>A Monday morning, 10:00 in Amsterdam; the fake clock starts here.</summary>
    public static DateTimeOffset Start { get; } = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; }

    public GovernanceServices Governance { get; }

    public Uri Address { get; }

    public static async Task<InvestigationPagesServer> StartAsync()
    {
        var data = new TempDirectory();
        var clock = new FakeTimeProvider(Start);
        var governance = GovernanceServices.Open(data.Path, new DirectoryFile(TestOrganisation.WriteTo(data.Path)), ExemptionSettings.Default, clock);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddWebProxyGovernance(new GovernanceEndpointsContext(
            governance.State, governance.Exemptions, governance.Directory, governance.SignIn, governance.LogService, clock, Amsterdam));
        builder.Services.AddSingleton(governance.SubjectAccess);
        builder.Services.AddSingleton(governance.RightsRequests);
        builder.Services.AddSingleton(governance.Investigations);
        var app = builder.Build();
        app.MapManagerPages();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new InvestigationPagesServer(data, clock, governance, app, new Uri(address));
    }

    /// <summary>Signs <paramref name="person"/> in through <c>POST /login</c>; the session keeps the cookie.</summary>
    public Task<InvestigationPageSession> SignInAsync(string person) => InvestigationPageSession.SignInAsync(Address, person);

    /// <summary>Every record in the governance log.</summary>
    public IReadOnlyList<GovernanceRecord> Records() => Governance.Log.Read(DateTimeOffset.MinValue, DateTimeOffset.MaxValue);

    /// <summary>An investigation of <paramref name="subject"/> requested through the service (a day from now unless told).</summary>
    public Guid Request(string requester, string subject, string[] readers, string scope = "traffic", string purpose = "Suspected leaking of tender documents")
    {
        var now = Clock.GetUtcNow();
        var outcome = Governance.Investigations.Request(Actor.Api(requester),
            new InvestigationRequest(subject, purpose, "Article 6.2 Privacyreglement", scope, now, now.AddDays(1), readers));
        Assert.True(outcome.Succeeded, outcome.Problem?.Reason);
        return outcome.Value.Id;
    }

    public void Approve(Guid id, string approver = TestOrganisation.Secretary) =>
        Assert.True(Governance.Investigations.Approve(Actor.Api(approver), id, new InvestigationApprovalRequest()).Succeeded);

    public Policy.Investigations.Investigation Find(Guid id) => Governance.State.Investigations.Find(id)!;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Governance.Dispose();
        _data.Dispose();
    }
}

/// <summary>
/// One person's browser on <see cref="InvestigationPagesServer"/>: the session cookie kept, redirects not followed,
/// form posts carrying the admin port's own <c>Origin</c> unless a test gives another. Pages are read as
/// <see cref="PageSession.Page"/>.
/// </summary>
internal sealed class InvestigationPageSession : IDisposable
{
    private readonly HttpClient _client;

    private InvestigationPageSession(HttpClient client) => _client = client;

    public string Origin => _client.BaseAddress!.GetLeftPart(UriPartial.Authority);

    public static async Task<InvestigationPageSession> SignInAsync(Uri address, string person)
    {
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var session = new InvestigationPageSession(client);
        using var response = await session.PostAsync("/login", new() { ["user"] = person, ["password"] = TestOrganisation.Password });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            client.Dispose();
            Assert.Fail($"signing in as {person}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return session;
    }

    public async Task<PageSession.Page> GetAsync(string path)
    {
        using var response = await _client.GetAsync(path);
        return await PageSession.Page.ReadAsync(response);
    }

    public Task<HttpResponseMessage> PostAsync(string path, Dictionary<string, string> fields, string? origin = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Origin", origin ?? Origin);
        return _client.SendAsync(request);
    }

    public async Task<PageSession.Page> PostForPageAsync(string path, Dictionary<string, string> fields, string? origin = null)
    {
        using var response = await PostAsync(path, fields, origin);
        return await PageSession.Page.ReadAsync(response);
    }

    public void Dispose() => _client.Dispose();
}
