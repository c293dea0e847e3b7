using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using WebProxy.Categories;
using WebProxy.Categories.Snapshots;
using WebProxy.Host.Configuration;
using WebProxy.Policy.Rules;

namespace WebProxy.Host.Hosting;

/// <summary>
/// The category side of the composition: the mapping from the categories folder, the compiled index from the data
/// folder (built from the shipped samples and local lists on the very first start), a watcher that swaps in a new
/// snapshot when <c>webproxy categories update</c> writes one, and the policy engine on top.
/// </summary>
internal sealed class CategoryRules : IDisposable
{
    private CategoryRules(CategoryIndexProvider provider, PolicyHolder policy)
    {
        Provider = provider;
        Policy = policy;
    }

    public CategoryIndexProvider Provider { get; }

    public PolicyHolder Policy { get; }

    public static async Task<CategoryRules> LoadAsync(
        WebProxySettings settings, string dataDirectory, TimeProvider timeProvider, IMeterFactory meterFactory, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var mapping = LoadMapping(settings.CategoriesDirectory);
        var store = new CategorySnapshotStore(dataDirectory, timeProvider, loggers.CreateLogger<CategorySnapshotStore>());
        var updater = new CategoriesUpdater(new Ut1Importer(timeProvider: timeProvider, logger: loggers.CreateLogger<Ut1Importer>()), store, loggers.CreateLogger<CategoriesUpdater>());
        await updater.EnsureInitialisedAsync(settings.CategoriesDirectory, CategoriesUpdater.ListCategories(mapping), cancellationToken).ConfigureAwait(false);

        var provider = new CategoryIndexProvider(store, meterFactory: meterFactory, timeProvider: timeProvider, logger: loggers.CreateLogger<CategoryIndexProvider>());
        var loaded = provider.ReloadFromSnapshot();
        if (!loaded.Succeeded)
        {
            throw new ConfigurationException($"{store.SnapshotPath}: the category index could not be loaded: {loaded.Error}");
        }

        provider.WatchSnapshot();
        var policy = new PolicyHolder(provider, mapping, ToPolicySettings(settings));
        foreach (var unmapped in policy.Current.UnmappedListCategories)
        {
            loggers.CreateLogger("WebProxy.Categories").LogInformation("List category {Category} is loaded but not mapped to the regulation, so it blocks nothing", unmapped);
        }

        return new CategoryRules(provider, policy);
    }

    /// <summary>The mapping file; a broken one stops the start like any other configuration error.</summary>
    public static CategoryMapping LoadMapping(string categoriesDirectory)
    {
        var path = Path.Combine(categoriesDirectory, "mapping.json");
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"{path}: cannot read the category mapping: {ex.Message}", ex);
        }

        try
        {
            return CategoryMapping.Parse(json, path);
        }
        catch (CategoryMappingException ex)
        {
            throw new ConfigurationException(ex.Message, ex);
        }
    }

    public static PolicySettings ToPolicySettings(WebProxySettings settings) => new()
    {
        InterceptionMode = settings.Policy.InterceptionMode,
        AllowedConnectPorts = [443, .. settings.Proxy.ExtraConnectPorts],
        DownloadLimitBytes = settings.Policy.DownloadLimitBytes,
        UploadLimitBytes = settings.Policy.UploadLimitBytes,
    };

    public void Dispose()
    {
        Policy.Dispose();
        Provider.Dispose();
    }
}
