using Microsoft.Extensions.DependencyInjection;
using WebProxy.Admin.Metrics;
using WebProxy.Admin.Pac;

namespace WebProxy.Admin;

/// <summary>Registers the services behind the admin port.</summary>
public static class AdminServiceCollectionExtensions
{
    /// <summary>
    /// Validates <paramref name="options"/> and registers the PAC file and the Prometheus exporter. Throws an
    /// <see cref="ArgumentException"/> naming the offending field (for example <c>Admin.DirectDomains[1]</c>),
    /// so a bad setting stops the service at startup instead of at the first browser that fetches the PAC file.
    /// Register an <see cref="ICaCertificateSource"/> as well to serve <c>/ca.pem</c> and <c>/ca.crt</c>.
    /// </summary>
    public static IServiceCollection AddWebProxyAdmin(this IServiceCollection services, AdminOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);

        // Generated now, once: the options are fixed for the life of the process, and generating here is
        // what makes validation happen at startup.
        var pacFile = PacFile.Create(options);

        services.AddMetrics();
        services.AddSingleton(pacFile);
        services.AddSingleton<PrometheusExporter>();
        services.AddHostedService<PrometheusExporterActivator>();
        return services;
    }
}
