using Microsoft.Extensions.DependencyInjection;
using WebProxy.Admin.Governance;
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

    /// <summary>
    /// Registers the governance admin API and the manager pages (issue 4) and the OpenAPI document describing the
    /// API. Map them with <see cref="AdminEndpointRouteBuilderExtensions.MapWebProxyGovernance"/>.
    /// </summary>
    public static IServiceCollection AddWebProxyGovernance(this IServiceCollection services, GovernanceEndpointsContext governance)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(governance);
        services.AddSingleton(governance);
        services.AddSingleton(sp => new AdminSessions(governance.TimeProvider));
        services.AddSingleton<AdminIdentity>();
        services.AddProblemDetails();

        // Enums as their stored names (admin_login, personal_data_read), not as numbers tied to the C# order.
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(
            new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.SnakeCaseLower)));
        services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "WebProxy admin API";
            document.Info.Description = "Directory, exemptions (article 5.4), investigations (6.2-6.7), the employee's own data and requests (article 8), the governance log and the identity-free top-sites report (6.1a, 6.2). Sign in with HTTP Basic as a directory person.";
            return Task.CompletedTask;
        }));
        return services;
    }
}
