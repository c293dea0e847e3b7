using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WebProxy.Admin.Endpoints;
using WebProxy.Admin.Governance;
using WebProxy.Admin.ManagerPages;
using WebProxy.Admin.Metrics;
using WebProxy.Admin.Pac;

namespace WebProxy.Admin;

/// <summary>Maps the admin port's endpoints.</summary>
public static class AdminEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>/</c>, <c>/proxy.pac</c>, <c>/wpad.dat</c>, <c>/ca.pem</c>, <c>/ca.crt</c>, <c>/healthz</c> and
    /// <c>/metrics</c>. To keep them off the proxy port, map them on a group bound to the admin endpoint:
    /// <c>app.MapGroup("").RequireHost("*:8081").MapWebProxyAdmin()</c>.
    /// Requires <see cref="AdminServiceCollectionExtensions.AddWebProxyAdmin"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapWebProxyAdmin(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        // Resolved once, here: a missing AddWebProxyAdmin fails at startup rather than on the first request.
        var services = endpoints.ServiceProvider;
        var pacFile = services.GetService<PacFile>()
            ?? throw new InvalidOperationException($"Call {nameof(AdminServiceCollectionExtensions.AddWebProxyAdmin)} before {nameof(MapWebProxyAdmin)}.");
        var exporter = services.GetRequiredService<PrometheusExporter>();
        var caSource = services.GetService<ICaCertificateSource>();

        endpoints.MapGet("/", AdminEndpoints.WriteIndexAsync);
        endpoints.MapGet("/proxy.pac", context => AdminEndpoints.WritePacFileAsync(context, pacFile));
        endpoints.MapGet("/wpad.dat", context => AdminEndpoints.WritePacFileAsync(context, pacFile));
        endpoints.MapGet("/ca.pem", context => AdminEndpoints.WriteCaPemAsync(context, caSource));
        endpoints.MapGet("/ca.crt", context => AdminEndpoints.WriteCaDerAsync(context, caSource));
        endpoints.MapGet("/healthz", AdminEndpoints.WriteHealthAsync);
        endpoints.MapGet("/metrics", context => AdminEndpoints.WriteMetricsAsync(context, exporter));
        return endpoints;
    }

    /// <summary>
    /// Maps the admin API under <c>/api</c>, the manager pages (<c>/login</c>, <c>/manage</c>) and the OpenAPI
    /// document at <c>/openapi/v1.json</c>. Requires <see cref="AdminServiceCollectionExtensions.AddWebProxyGovernance"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapWebProxyGovernance(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGovernanceApi();
        endpoints.MapManagerPages();
        endpoints.MapOpenApi("/openapi/{documentName}.json");
        return endpoints;
    }
}
