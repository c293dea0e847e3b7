using System.Diagnostics.Metrics;

namespace WebProxy.Categories;

/// <summary>
/// The category instruments (meter <see cref="MeterName"/>): reloads by result, and the size of the current index.
/// No tag carries a host or a list entry.
/// </summary>
internal sealed class CategoryMetrics
{
    public const string MeterName = "WebProxy.Categories";

    private readonly Counter<long> _reloads;

    public CategoryMetrics(IMeterFactory meterFactory, CategoryIndexProvider provider)
    {
        var meter = meterFactory.Create(MeterName);
        _reloads = meter.CreateCounter<long>("webproxy.categories.reloads", "{reload}", "Category index reloads, by result (ok or failed).");
        meter.CreateObservableGauge("webproxy.categories.domains", () => provider.Current.DomainCount, "{domain}", "Domain entries in the current category index.");
        meter.CreateObservableGauge("webproxy.categories.urls", () => provider.Current.UrlCount, "{url}", "Url entries in the current category index.");
    }

    public void Reloaded(bool ok) => _reloads.Add(1, new KeyValuePair<string, object?>("result", ok ? "ok" : "failed"));
}
