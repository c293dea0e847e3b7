using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Http;
using WebProxy.Admin;
using WebProxy.Categories;
using WebProxy.CertificateAuthority;
using WebProxy.Host.Configuration;
using WebProxy.Admin.Governance;
using WebProxy.Admin.Investigations;
using WebProxy.Admin.Rights;
using WebProxy.Admin.Statistics;
using WebProxy.Governance;
using WebProxy.Host.Governance;
using WebProxy.Host.Identity;
using WebProxy.Host.Statistics;
using WebProxy.Proxy.Telemetry;
using WebProxy.Policy.Identity;
using WebProxy.Proxy;
using WebProxy.Proxy.Identity;

namespace WebProxy.Host.Hosting;

/// <summary>
/// The composition root: the proxy port and the admin port as two Kestrel applications in one process, sharing
/// the organisation CA, the clock and the metrics. Two applications rather than one with two endpoints, so no
/// admin route can ever be reached through the proxy port.
/// </summary>
public sealed class WebProxyServer : IAsyncDisposable
{
    private readonly WebApplication _proxy;
    private readonly WebApplication _admin;
    private readonly ServiceProvider _shared;
    private readonly CategoryRules _rules;
    private readonly GovernanceRuntime _governance;
    private readonly StatisticsRuntime? _statistics;

    private WebProxyServer(WebApplication proxy, WebApplication admin, ServiceProvider shared, CategoryRules rules, GovernanceRuntime governance, StatisticsRuntime? statistics)
    {
        _statistics = statistics;
        _proxy = proxy;
        _admin = admin;
        _shared = shared;
        _rules = rules;
        _governance = governance;
    }

    /// <summary>The proxy port's bound address (the real port when 0 was configured).</summary>
    public IPEndPoint ProxyEndPoint => BoundEndPoint(_proxy);

    /// <summary>The admin port's bound address.</summary>
    public IPEndPoint AdminEndPoint => BoundEndPoint(_admin);

    public OrganisationCertificateAuthority CertificateAuthority => _shared.GetRequiredService<OrganisationCertificateAuthority>();

    /// <summary>Builds both applications from validated settings and starts listening.</summary>
    public static async Task<WebProxyServer> StartAsync(WebProxySettings settings, TimeProvider timeProvider, Action<ILoggingBuilder>? configureLogging = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var dataDirectory = Path.GetFullPath(settings.DataDirectory);
        Directory.CreateDirectory(dataDirectory);

        var shared = BuildSharedServices(settings, dataDirectory, timeProvider, configureLogging);
        CategoryRules? rules = null;
        GovernanceRuntime? governance = null;
        StatisticsRuntime? statistics = null;
        WebApplication? proxy = null;
        WebApplication? admin = null;
        try
        {
            rules = await CategoryRules.LoadAsync(
                settings, dataDirectory, timeProvider, shared.GetRequiredService<IMeterFactory>(), shared.GetRequiredService<ILoggerFactory>(), cancellationToken).ConfigureAwait(false);

            governance = GovernanceRuntime.Open(settings, timeProvider);
            if (settings.Statistics.Enabled)
            {
                statistics = StatisticsRuntime.Start(settings, timeProvider, shared.GetRequiredService<IMeterFactory>(),
                    shared.GetRequiredService<ILoggerFactory>().CreateLogger("WebProxy.Statistics"));
            }

            // The proxy binds first: with port 0 (tests), its real port is only known then, and the admin
            // port's PAC file must name it. The proxy's own page reads the admin URL per request.
            proxy = BuildProxyApplication(settings, shared, rules, governance, statistics, configureLogging);
            await proxy.StartAsync(cancellationToken).ConfigureAwait(false);
            admin = BuildAdminApplication(settings, BoundEndPoint(proxy), shared, rules, governance, statistics, configureLogging);
            await admin.StartAsync(cancellationToken).ConfigureAwait(false);
            settings.Proxy.AdminUrlForClients ??= settings.Admin.UrlForClients ?? DefaultAdminUrl(settings.Admin, BoundEndPoint(admin));
            settings.Proxy.ProxyUrlForClients ??= $"http://{settings.Admin.ProxyAddressForClients ?? BoundEndPoint(proxy).ToString()}";
        }
        catch
        {
            if (proxy is not null)
            {
                await proxy.DisposeAsync().ConfigureAwait(false);
            }

            if (admin is not null)
            {
                await admin.DisposeAsync().ConfigureAwait(false);
            }

            rules?.Dispose();
            governance?.Dispose();
            statistics?.Dispose();
            await shared.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        governance.StartTimers(shared.GetRequiredService<ILoggerFactory>().CreateLogger("WebProxy.Governance"),
            new RetentionMetrics(shared.GetRequiredService<IMeterFactory>()));
        return new WebProxyServer(proxy, admin, shared, rules, governance, statistics);
    }

    /// <summary>Stops accepting, lets open exchanges drain within the configured bound, then stops.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await _proxy.StopAsync(cancellationToken).ConfigureAwait(false);
        await _admin.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reloads the compiled category index from the data folder (SIGHUP, the admin endpoint).</summary>
    public CategoryReloadResult ReloadCategories() => _rules.Provider.ReloadFromSnapshot();

    /// <summary>Re-reads the Public Suffix List (SIGHUP); null when statistics are off.</summary>
    public string? ReloadSuffixList(WebProxySettings settings) => _statistics?.ReloadSuffixes(settings);

    public async ValueTask DisposeAsync()
    {
        await _proxy.DisposeAsync().ConfigureAwait(false);
        await _admin.DisposeAsync().ConfigureAwait(false);
        _rules.Dispose();
        _governance.Dispose();

        // After both applications stopped: no request counts any more, so the final flush has everything.
        _statistics?.Dispose();
        await _shared.DisposeAsync().ConfigureAwait(false);
    }

    private static ServiceProvider BuildSharedServices(WebProxySettings settings, string dataDirectory, TimeProvider timeProvider, Action<ILoggingBuilder>? configureLogging)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => ConfigureLogging(logging, configureLogging));
        services.AddMetrics();
        services.AddSingleton(timeProvider);
        services.AddSingleton(settings.CertificateAuthority);
        services.AddSingleton(sp => OrganisationCertificateAuthority.LoadOrCreate(
            settings.CertificateAuthority, dataDirectory, timeProvider, sp.GetRequiredService<ILoggerFactory>().CreateLogger("WebProxy.CertificateAuthority")));
        services.AddSingleton(sp => new LeafCertificateCache(
            sp.GetRequiredService<OrganisationCertificateAuthority>(), settings.CertificateAuthority, timeProvider, sp.GetRequiredService<IMeterFactory>()));
        var shared = services.BuildServiceProvider();

        // Load (or create) the CA now, so a broken CA file stops the start instead of the first HTTPS request.
        shared.GetRequiredService<LeafCertificateCache>();
        return shared;
    }

    private static WebApplication BuildProxyApplication(WebProxySettings settings, ServiceProvider shared, CategoryRules rules, GovernanceRuntime governance,
        StatisticsRuntime? statistics, Action<ILoggingBuilder>? configureLogging)
    {
        var options = settings.Proxy;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        ConfigureLogging(builder.Logging, configureLogging);
        ShareServices(builder.Services, shared);
        builder.Services.AddForwardProxyPolicy(rules.Policy, governance);
        builder.Services.AddSingleton<IProxyAuthenticator>(sp => new DirectoryAuthenticator(
            () => governance.State.Directory, settings.Identity.ProxyAuthentication, sp.GetRequiredService<TimeProvider>()));
        if (statistics is not null)
        {
            builder.Services.AddSingleton<ITrafficRecorder>(sp => new ProxyTrafficRecorder(statistics.Recorder, sp.GetRequiredService<TimeProvider>()));
        }

        builder.Services.AddSingleton<IInvestigationCapture>(sp => new InvestigationCapture(governance.State, governance.Captures, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddForwardProxy(options);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.Limits.ShutdownDrainTimeout);

        // Kestrel's 64 KiB write buffer makes every 64 KiB of a download wait for the client's socket before the
        // next read from the origin starts. A larger buffer lets both run at once; it only fills for clients
        // slower than the origin, so the worst case is this much per slow connection.
        builder.Services.Configure<SocketTransportOptions>(sockets => sockets.MaxWriteBufferSize = ForwardProxyBuffers.ClientWriteBufferBytes);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;

            // RFC 9112 §3.2.2: the authority in an absolute-form target replaces the Host header.
            kestrel.AllowHostHeaderOverride = true;

            // Bodies of any size stream through; size rules belong to the policy, not to a framework default.
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.MaxResponseBufferSize = ForwardProxyBuffers.ClientWriteBufferBytes;
            kestrel.Limits.MaxRequestLineSize = options.Limits.MaxRequestLineBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = options.Limits.MaxRequestHeadersBytes;
            kestrel.Limits.MaxRequestBufferSize = Math.Max(1024 * 1024, options.Limits.MaxRequestHeadersBytes + options.Limits.MaxRequestLineBytes);
            kestrel.Limits.MaxConcurrentConnections = options.Limits.MaxConnections;
            kestrel.Limits.MaxConcurrentUpgradedConnections = options.Limits.MaxConnections;
            kestrel.Limits.KeepAliveTimeout = options.Limits.ClientKeepAliveTimeout;
            kestrel.Limits.RequestHeadersTimeout = options.Limits.RequestHeadersTimeout;
            kestrel.Listen(IPAddress.Parse(options.ListenAddress), options.Port, listen => listen.UseForwardProxy());
        });

        var app = builder.Build();
        app.RunForwardProxy();
        return app;
    }

    private static WebApplication BuildAdminApplication(WebProxySettings settings, IPEndPoint proxyEndPoint, ServiceProvider shared, CategoryRules rules,
        GovernanceRuntime governance, StatisticsRuntime? statistics, Action<ILoggingBuilder>? configureLogging)
    {
        var admin = settings.Admin;
        var adminTimeZone = TimeZoneInfo.FindSystemTimeZoneById(admin.TimeZone);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions());
        ConfigureLogging(builder.Logging, configureLogging);
        ShareServices(builder.Services, shared);
        builder.Services.AddSingleton<ICaCertificateSource>(sp => new OrganisationCaCertificateSource(sp.GetRequiredService<OrganisationCertificateAuthority>()));
        builder.Services.AddWebProxyAdmin(new AdminOptions
        {
            ProxyAddressForClients = admin.ProxyAddressForClients ?? proxyEndPoint.ToString(),
            DirectDomains = admin.DirectDomains,
            DirectForPrivateNetworks = admin.DirectForPrivateNetworks,
        });
        builder.Services.AddWebProxyGovernance(new GovernanceEndpointsContext(
            governance.State, governance.Exemptions, governance.Directory, governance.SignIn, governance.Log,
            shared.GetRequiredService<TimeProvider>(), adminTimeZone));
        builder.Services.AddSingleton(governance.Investigations);
        builder.Services.AddSingleton(governance.RightsRequests);
        builder.Services.AddSingleton(governance.SubjectAccess);
        _ = new RightsMetrics(shared.GetRequiredService<IMeterFactory>(), governance.RightsRequests, shared.GetRequiredService<TimeProvider>());
        if (statistics is not null)
        {
            builder.Services.AddWebProxyStatistics(new StatisticsEndpointsContext(
                statistics.Store, shared.GetRequiredService<TimeProvider>(), adminTimeZone,
                () => Task.Run(statistics.Flush), settings.Statistics.KAnonymity));
        }

        if (admin.Https != AdminHttpsMode.Off)
        {
            // The slim builder leaves TLS out unless asked for.
            builder.WebHost.UseKestrelHttpsConfiguration();
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Parse(admin.ListenAddress), admin.Port,
                listen => AdminHttps.Configure(listen, admin, shared.GetRequiredService<LeafCertificateCache>()));
        });

        var app = builder.Build();
        app.MapWebProxyAdmin();
        app.MapWebProxyGovernance();
        app.MapInvestigationApi();
        app.MapRightsApi();
        if (statistics is not null)
        {
            app.MapWebProxyStatistics();
        }

        // Re-reads the compiled index from the data folder, like SIGHUP (IT only); the import itself is
        // `webproxy categories update`.
        app.MapPost("/categories/reload", (HttpContext http, AdminIdentity identity) => GovernanceApi.Authenticated(http, identity, (_, person) =>
        {
            if (!person.HasRole(Role.It))
            {
                return ProblemResponses.From(Problem.Forbidden("actor", $"'{person.Id}' may not reload the categories; that is IT's role"));
            }

            var result = rules.Provider.ReloadFromSnapshot();
            return result.Succeeded
                ? Results.Ok(new { reloaded = true, domains = rules.Provider.Current.DomainCount, urls = rules.Provider.Current.UrlCount })
                : Results.Problem(title: "The category index was not reloaded", detail: result.Error, statusCode: StatusCodes.Status500InternalServerError);
        })).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// The admin port's URL when none is configured: with the organisation CA's certificate, by the first name it is
    /// issued for (a browser checks the name), else by the bound address.
    /// </summary>
    private static string DefaultAdminUrl(AdminSettings admin, IPEndPoint bound) => admin.Https == AdminHttpsMode.OrganisationCa
        ? $"https://{AdminHttps.HostNamesOf(admin)[0]}:{bound.Port}"
        : $"{AdminHttps.Scheme(admin)}://{bound}";

    /// <summary>The same instances in every application: one CA, one leaf cache, one clock, one set of meters.</summary>
    private static void ShareServices(IServiceCollection services, ServiceProvider shared)
    {
        services.AddSingleton(shared.GetRequiredService<TimeProvider>());
        services.AddSingleton(shared.GetRequiredService<IMeterFactory>());
        services.AddSingleton(shared.GetRequiredService<OrganisationCertificateAuthority>());
        services.AddSingleton(shared.GetRequiredService<LeafCertificateCache>());
    }

    private static void ConfigureLogging(ILoggingBuilder logging, Action<ILoggingBuilder>? configure)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(LogLevel.Information);
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        // Two applications would each announce their start; the run command prints one line for both. A failed
        // start (a port in use) is reported by the command line in one line, so the host's own report is muted.
        logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        if (configure is null)
        {
            logging.AddSimpleConsole(console => console.SingleLine = true);
        }
        else
        {
            configure(logging);
        }
    }

    private static IPEndPoint BoundEndPoint(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var uri = new Uri(address);
        return new IPEndPoint(IPAddress.Parse(uri.Host.Trim('[', ']')), uri.Port);
    }
}
