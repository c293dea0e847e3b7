using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WebProxy.Admin.Governance;

namespace WebProxy.Admin.Statistics;

/// <summary>
/// Registers and maps the top-sites report of issue 5: <c>GET /api/statistics/top</c> (JSON),
/// <c>GET /api/statistics/top.csv</c> and the page <c>GET /statistics</c>. Callers sign in as for the rest of the
/// admin port, so <see cref="AdminServiceCollectionExtensions.AddWebProxyGovernance"/> must be registered too.
/// </summary>
public static class StatisticsEndpointExtensions
{
    public static IServiceCollection AddWebProxyStatistics(this IServiceCollection services, StatisticsEndpointsContext statistics)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(statistics);
        ArgumentNullException.ThrowIfNull(statistics.Store);
        ArgumentNullException.ThrowIfNull(statistics.TimeProvider);
        ArgumentNullException.ThrowIfNull(statistics.TimeZone);
        ArgumentNullException.ThrowIfNull(statistics.Flush);
        ArgumentOutOfRangeException.ThrowIfLessThan(statistics.K, 1, "Statistics.K");
        services.AddSingleton(statistics);
        return services;
    }

    public static IEndpointRouteBuilder MapWebProxyStatistics(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        // Resolved once, here: a missing registration fails at startup rather than on the first request.
        _ = endpoints.ServiceProvider.GetService<StatisticsEndpointsContext>()
            ?? throw new InvalidOperationException($"Call {nameof(AddWebProxyStatistics)} before {nameof(MapWebProxyStatistics)}.");
        _ = endpoints.ServiceProvider.GetService<AdminIdentity>()
            ?? throw new InvalidOperationException($"Call {nameof(AdminServiceCollectionExtensions.AddWebProxyGovernance)} before {nameof(MapWebProxyStatistics)}: the statistics sign in like the rest of the admin port.");

        endpoints.MapStatisticsApi();
        endpoints.MapGet("/statistics", (HttpContext http, AdminIdentity identity, StatisticsEndpointsContext statistics, string? period, string? date, string? to, string? category, string? n) =>
                StatisticsPage.ShowAsync(http, identity, statistics, new TopSitesParameters(period, date, to, category, n)))
            .ExcludeFromDescription();
        return endpoints;
    }
}
