using WebProxy.Categories.Snapshots;
using WebProxy.Categories.Tests.Support;
using WebProxy.Policy.Rules;
using WebProxy.Testing;

namespace WebProxy.Categories.Tests;

public sealed class CategoriesUpdaterTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly CategorySnapshotStore _store;
    private readonly CategoriesUpdater _updater;

    public CategoriesUpdaterTests()
    {
        _store = new CategorySnapshotStore(Path.Combine(_temp.Path, "data"));
        _updater = new CategoriesUpdater(new Ut1Importer(), _store);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task An_update_saves_a_snapshot_and_a_failed_one_leaves_the_previous_snapshot_in_place()
    {
        var local = Path.Combine(Ut1Files.RepositoryCategories, "local");
        var report = await _updater.UpdateAsync(Ut1Files.Archive, Sets.Of("gambling", "chat", "agressif"), local);
        Assert.True(report.Find("gambling")!.Entries > 30_000);
        var saved = await File.ReadAllBytesAsync(_store.SnapshotPath);

        var empty = Directory.CreateDirectory(Path.Combine(_temp.Path, "empty")).FullName;
        await Assert.ThrowsAsync<CategoryImportException>(() => _updater.UpdateAsync(empty, null, null));
        await Assert.ThrowsAsync<CategoryImportException>(() => _updater.UpdateAsync(Path.Combine(_temp.Path, "missing.tar.gz"), null, null));

        // Only chat is left in this source: gambling and agressif would go from thousands of entries to none.
        Ut1Files.Unpack(Path.Combine(_temp.Path, "chat-only"), "chat");
        var e = await Assert.ThrowsAsync<CategoryImportException>(() =>
            _updater.UpdateAsync(Path.Combine(_temp.Path, "chat-only"), Sets.Of("gambling", "chat", "agressif"), local));
        Assert.Contains("agressif", e.Message, StringComparison.Ordinal);

        Assert.Equal(saved, await File.ReadAllBytesAsync(_store.SnapshotPath));
        Assert.Empty(Directory.EnumerateFiles(_store.Directory, "*.tmp"));
        Assert.True(_store.TryLoad().IsLoaded);
    }

    [Fact]
    public async Task The_first_start_builds_a_snapshot_from_the_samples_and_local_lists_and_later_starts_keep_it()
    {
        var created = await _updater.EnsureInitialisedAsync(Ut1Files.RepositoryCategories);

        Assert.Equal(CategoryInitialisationStatus.Created, created.Status);
        var index = _store.TryLoad().Index!;
        Assert.NotEqual(0UL, index.MaskOf(LocalLists.Allow));
        Assert.NotEqual(0UL, index.MatchUrl("cri.univ-tlse1.fr", "/tools/test_filtrage/gambling/") & index.MaskOf("gambling"));

        Assert.Equal(CategoryInitialisationStatus.Existing, (await _updater.EnsureInitialisedAsync(Ut1Files.RepositoryCategories)).Status);
    }

    [Fact]
    public async Task A_corrupt_snapshot_at_start_is_moved_aside_and_rebuilt_from_the_samples()
    {
        Directory.CreateDirectory(_store.Directory);
        await File.WriteAllTextAsync(_store.SnapshotPath, "this is not a category snapshot");

        var result = await _updater.EnsureInitialisedAsync(Ut1Files.RepositoryCategories);

        Assert.Equal(CategoryInitialisationStatus.ReplacedInvalid, result.Status);
        Assert.Contains("bad magic", result.Detail, StringComparison.Ordinal);
        Assert.True(_store.TryLoad().IsLoaded);
        Assert.Single(Directory.EnumerateFiles(_store.Directory, "index.snapshot.invalid-*"));
    }

    [Fact]
    public void The_mappings_list_categories_are_what_an_update_imports()
    {
        var mapping = CategoryMapping.Parse(File.ReadAllText(Path.Combine(Ut1Files.RepositoryCategories, "mapping.json")), "mapping.json");

        var names = CategoriesUpdater.ListCategories(mapping);

        Assert.Contains("adult", names);
        Assert.Contains("agressif", names);
        Assert.DoesNotContain("porn", names);
    }
}
