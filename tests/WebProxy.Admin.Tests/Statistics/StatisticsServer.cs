using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WebProxy.Admin.Governance;
using WebProxy.Admin.Statistics;
using WebProxy.Admin.Tests.Governance;
using WebProxy.Governance;
using WebProxy.Policy.Exemptions;
using WebProxy.Statistics.Counting;
using WebProxy.Storage.Statistics;
using WebProxy.Testing;

namespace WebProxy.Admin.Tests.Statistics;

/// <summary>
/// The admin endpoints on a real Kestrel host on 127.0.0.1: the governance API and pages (for signing in) over
/// <see cref="Organisation"/>'s directory and a fresh governance database, and the statistics endpoints over a real
/// <c>statistics.db</c> holding <see cref="StatisticsWeek"/>. The clock stands still on Monday 31 March 2025, 12:00 in
/// Amsterdam. The recorder is played by <see cref="Pending"/>: what the flush writes before each report.
/// </summary>
internal sealed class StatisticsServer : IAsyncDisposable
{
    public static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static readonly DateTimeOffset Now = new(2025, 3, 31, 10, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _data;
    private readonly GovernanceServices _governance;
    private readonly StatisticsStore _store;
    private readonly WebApplication _app;
    private int _flushes;

    private StatisticsServer(TempDirectory data, GovernanceServices governance, StatisticsStore store, WebApplication app)
    {
        _data = data;
        _governance = governance;
        _store = store;
        _app = app;
    }

    public HttpClient Client { get; private set; } = null!;

    public Uri BaseAddress => Client.BaseAddress!;

    /// <summary>What the next flush writes, as the recorder's counts not yet written.</summary>
    public StatisticsBatch Pending { get; set; } = StatisticsBatch.Empty;

    /// <summary>How often a report asked for a flush.</summary>
    public int Flushes => Volatile.Read(ref _flushes);

    public static async Task<StatisticsServer> StartAsync()
    {
        var data = new TempDirectory();
        var clock = new StoppedClock(Now);
        var directory = TestOrganisation.WriteTo(data.Path, Organisation.Directory);
        var governance = GovernanceServices.Open(data.Path, new DirectoryFile(directory), ExemptionSettings.Default, clock);
        var store = new StatisticsStore(data.Path);
        store.Write(StatisticsWeek.Batch());

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddWebProxyGovernance(new GovernanceEndpointsContext(
            governance.State, governance.Exemptions, governance.Directory, governance.SignIn, governance.LogService, clock, Amsterdam));
        StatisticsServer? server = null;
        builder.Services.AddWebProxyStatistics(new StatisticsEndpointsContext(store, clock, Amsterdam, () => server!.FlushAsync()));
        var app = builder.Build();
        app.MapWebProxyGovernance();
        app.MapWebProxyStatistics();
        server = new StatisticsServer(data, governance, store, app);
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.Client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(address),
            Timeout = TimeSpan.FromSeconds(30),
        };
        return server;
    }

    /// <summary>GET as <paramref name="caller"/> with HTTP Basic, or without credentials for <see cref="Organisation.Anonymous"/>.</summary>
    public Task<HttpResponseMessage> GetAsync(string caller, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (caller != Organisation.Anonymous)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{caller}:{TestOrganisation.PasswordOf(caller)}")));
        }

        return Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _store.Dispose();
        _governance.Dispose();
        _data.Dispose();
    }

    private Task FlushAsync()
    {
        Interlocked.Increment(ref _flushes);
        _store.Write(Pending);
        Pending = StatisticsBatch.Empty;
        return Task.CompletedTask;
    }

    /// <summary>A clock that stays where it was put.</summary>
    private sealed class StoppedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
