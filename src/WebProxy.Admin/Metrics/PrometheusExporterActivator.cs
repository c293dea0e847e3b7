using Microsoft.Extensions.Hosting;

namespace WebProxy.Admin.Metrics;

/// <summary>
/// Creates the <see cref="PrometheusExporter"/> when the host starts. The host resolves its hosted services before
/// starting any of them, so the listener is attached before the proxy port accepts its first connection; a
/// singleton created lazily at the first scrape would have missed every measurement until then.
/// </summary>
internal sealed class PrometheusExporterActivator : IHostedService
{
    public PrometheusExporterActivator(PrometheusExporter exporter)
    {
        ArgumentNullException.ThrowIfNull(exporter);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
