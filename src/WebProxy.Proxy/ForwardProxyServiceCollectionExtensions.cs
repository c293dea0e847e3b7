using System.Net;
using System.Net.Http;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using WebProxy.CertificateAuthority;
using WebProxy.Policy.Connect;
using WebProxy.Proxy.Connect;
using WebProxy.Proxy.Forwarding;
using WebProxy.Proxy.Identity;
using WebProxy.Proxy.Interception;
using WebProxy.Proxy.Requests;
using WebProxy.Proxy.Rules;
using WebProxy.Proxy.Telemetry;
using WebProxy.Proxy.Tunneling;
using WebProxy.Proxy.Upstream;

namespace WebProxy.Proxy;

public static class ForwardProxyServiceCollectionExtensions
{
    /// <summary>
    /// Registers the forward proxy engine. Expects a <see cref="LeafCertificateCache"/> and the metrics services
    /// (<c>AddMetrics</c>) to be registered by the host. Without <see cref="AddForwardProxyPolicy"/> first, every
    /// CONNECT to port 443 or an extra port is intercepted and every request is forwarded without limits.
    /// </summary>
    public static IServiceCollection AddForwardProxy(this IServiceCollection services, ProxyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IConnectPolicy>(new FixedConnectPolicy(ConnectAction.Intercept, [443, .. options.ExtraConnectPorts]));
        services.TryAddSingleton<IRequestPolicy, OpenRequestPolicy>();
        services.TryAddSingleton<IProxyAuthenticator, AnonymousAuthenticator>();
        services.TryAddSingleton<ITrafficRecorder, NoTrafficRecorder>();
        services.TryAddSingleton<IInvestigationCapture, NoInvestigationCapture>();
        services.AddSingleton<ProxyMetrics>();
        services.AddSingleton(new UpstreamConnector(ParseHosts(options.Hosts), options.Limits.UpstreamConnectTimeout));
        services.AddSingleton(new UpstreamCertificateValidator(LoadExtraRoots(options.UpstreamExtraCaFile)));
        services.AddSingleton(sp => new HttpMessageInvoker(
            UpstreamHandlerFactory.Create(options, sp.GetRequiredService<UpstreamConnector>(), sp.GetRequiredService<UpstreamCertificateValidator>()),
            disposeHandler: true));
        services.AddSingleton(sp => new TunnelSplicer(sp.GetRequiredService<TimeProvider>(), options.Limits.TunnelIdleTimeout, sp.GetRequiredService<ProxyMetrics>()));
        services.AddSingleton(sp => new StreamSplicer(sp.GetRequiredService<TimeProvider>(), options.Limits.TunnelIdleTimeout, sp.GetRequiredService<ProxyMetrics>()));
        services.AddSingleton<UpgradeForwarder>();
        services.AddSingleton<IHttpForwarder>(sp => new HttpForwarder(
            sp.GetRequiredService<HttpMessageInvoker>(),
            sp.GetRequiredService<UpstreamCertificateValidator>(),
            sp.GetRequiredService<ProxyMetrics>(),
            options,
            sp.GetRequiredService<UpgradeForwarder>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("WebProxy.Proxy.Forwarding")));
        services.AddSingleton(sp => new TlsInterceptor(
            sp.GetRequiredService<LeafCertificateCache>(),
            options,
            sp.GetRequiredService<ProxyMetrics>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("WebProxy.Proxy.Interception")));
        services.AddSingleton(sp => new ForwardProxyServices(
            options,
            sp.GetRequiredService<IConnectPolicy>(),
            sp.GetRequiredService<UpstreamConnector>(),
            sp.GetRequiredService<TunnelSplicer>(),
            sp.GetRequiredService<TlsInterceptor>(),
            sp.GetRequiredService<ProxyMetrics>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IProxyAuthenticator>(),
            sp.GetRequiredService<ITrafficRecorder>(),
            sp.GetRequiredService<IInvestigationCapture>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("WebProxy.Proxy.Connect")));
        services.AddSingleton<ProxyRequestHandler>();
        return services;
    }

    /// <summary>
    /// Puts the regulation's rules in charge: CONNECT and request decisions, and size limits, come from the policy
    /// engine that <paramref name="source"/> holds. Call before <see cref="AddForwardProxy"/>.
    /// </summary>
    public static IServiceCollection AddForwardProxyPolicy(this IServiceCollection services, IPolicySource source) =>
        services.AddForwardProxyPolicy(source, new NoExemptions());

    /// <summary>
    /// <see cref="AddForwardProxyPolicy(IServiceCollection, IPolicySource)"/> with personal exemptions: a request
    /// authenticated as a person gets the research categories and the size limit that person's active exemptions
    /// grant (article 5.4). Register an <see cref="Identity.IProxyAuthenticator"/> too, or nobody is ever a person.
    /// </summary>
    public static IServiceCollection AddForwardProxyPolicy(this IServiceCollection services, IPolicySource source, IExemptionSource exemptions)
    {
        services.AddSingleton(source);
        services.AddSingleton(exemptions);
        services.AddSingleton<IConnectPolicy, PolicyConnectPolicy>();
        services.AddSingleton<IRequestPolicy, PolicyRequestPolicy>();
        return services;
    }

    private static Dictionary<string, IPAddress> ParseHosts(Dictionary<string, string> hosts)
    {
        var parsed = new Dictionary<string, IPAddress>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, address) in hosts)
        {
            if (!IPAddress.TryParse(address, out var ip))
            {
                throw new ArgumentException($"Proxy.Hosts: the address '{address}' for '{name}' is not an IP address.", nameof(hosts));
            }

            parsed[name.TrimEnd('.')] = ip;
        }

        return parsed;
    }

    private static X509Certificate2Collection LoadExtraRoots(string? path)
    {
        var roots = new X509Certificate2Collection();
        if (!string.IsNullOrEmpty(path))
        {
            roots.ImportFromPemFile(path);
        }

        return roots;
    }
}
