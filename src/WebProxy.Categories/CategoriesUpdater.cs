using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WebProxy.Categories.Snapshots;
using WebProxy.Policy.Rules;

namespace WebProxy.Categories;

/// <summary>
/// <c>webproxy categories update --source X</c>: import the source and the local lists, then save the snapshot,
/// which a running proxy's <see cref="CategoryIndexProvider.WatchSnapshot"/> picks up. Also builds the first
/// snapshot from the project's sample lists so the default start works offline.
/// </summary>
public sealed class CategoriesUpdater
{
    /// <summary>The sample lists under the repository's <c>categories/</c> folder.</summary>
    public const string SamplesFolder = "samples";

    /// <summary>The local lists under the repository's <c>categories/</c> folder.</summary>
    public const string LocalFolder = "local";

    private readonly Ut1Importer _importer;
    private readonly CategorySnapshotStore _store;
    private readonly ILogger _logger;

    public CategoriesUpdater(Ut1Importer importer, CategorySnapshotStore store, ILogger<CategoriesUpdater>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(importer);
        ArgumentNullException.ThrowIfNull(store);
        _importer = importer;
        _store = store;
        _logger = logger ?? NullLogger<CategoriesUpdater>.Instance;
    }

    /// <summary>The list categories a mapping names (canonical names; the mapping resolves aliases itself).</summary>
    public static IReadOnlySet<string> ListCategories(CategoryMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        return mapping.Rules.Select(r => r.ListCategory).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Imports <paramref name="source"/> (+ local lists) and saves the snapshot.</summary>
    /// <param name="source">A UT1 directory, <c>.tar.gz</c> file or https URL.</param>
    /// <param name="categories">The mapping's list categories; null for every category of the source.</param>
    /// <param name="localListsDirectory">The folder with <c>allow/</c> and <c>deny/</c>, or null.</param>
    /// <param name="cancellationToken">Cancels a download.</param>
    /// <exception cref="CategoryImportException">Nothing was saved; the current snapshot stays.</exception>
    public async Task<ImportReport> UpdateAsync(
        string source,
        IReadOnlySet<string>? categories,
        string? localListsDirectory,
        CancellationToken cancellationToken = default)
    {
        var result = await _importer.ImportAsync(
            new CategoryImportRequest(source)
            {
                Categories = categories,
                LocalListsDirectory = localListsDirectory,
                WorkDirectory = _store.Directory,
                PreviousEntries = _store.Exists ? _store.ReadProvenance()?.CategoryEntries : null,
            },
            cancellationToken).ConfigureAwait(false);
        _store.Save(result.Index, result.Report);
        return result.Report;
    }

    /// <summary>
    /// First start: when there is no valid snapshot, builds one from <c>&lt;repoCategories&gt;/samples</c> and
    /// <c>&lt;repoCategories&gt;/local</c>. An invalid snapshot is moved aside (kept for inspection) rather than
    /// leaving the proxy without any category lists.
    /// </summary>
    /// <param name="repositoryCategoriesDirectory">The repository's (or image's) <c>categories/</c> folder.</param>
    /// <param name="categories">The mapping's list categories; null for every sample category.</param>
    /// <param name="cancellationToken">Not used by local sources; kept for symmetry.</param>
    /// <exception cref="CategoryImportException">The samples are missing or empty.</exception>
    public async Task<CategoryInitialisation> EnsureInitialisedAsync(
        string repositoryCategoriesDirectory,
        IReadOnlySet<string>? categories = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(repositoryCategoriesDirectory);
        var status = CategoryInitialisationStatus.Created;
        string? detail = null;
        if (_store.Exists)
        {
            var existing = _store.TryLoad();
            if (existing.Status != SnapshotLoadStatus.Invalid)
            {
                return new CategoryInitialisation(CategoryInitialisationStatus.Existing, null, null);
            }

            var aside = _store.MoveAside();
            CategoriesLog.SnapshotMovedAside(_logger, _store.SnapshotPath, aside);
            status = CategoryInitialisationStatus.ReplacedInvalid;
            detail = $"{existing.Error} It was moved to {aside}.";
        }

        var samples = Path.Combine(repositoryCategoriesDirectory, SamplesFolder);
        var local = Path.Combine(repositoryCategoriesDirectory, LocalFolder);
        var result = await _importer.ImportAsync(
            new CategoryImportRequest(samples)
            {
                Categories = categories,
                LocalListsDirectory = Directory.Exists(local) ? local : null,
                WorkDirectory = _store.Directory,
            },
            cancellationToken).ConfigureAwait(false);
        _store.Save(result.Index, result.Report);
        CategoriesLog.Initialised(_logger, samples);
        return new CategoryInitialisation(status, result.Report, detail);
    }
}
