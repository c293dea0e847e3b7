using WebProxy.Categories.Snapshots;
using WebProxy.Categories.Tests.Import;
using WebProxy.Categories.Tests.Support;
using WebProxy.Testing;

namespace WebProxy.Categories.Tests.Snapshots;

public sealed class CategorySnapshotStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 9, 1, 8, 30, 0, TimeSpan.Zero);
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task A_saved_snapshot_loads_back_as_the_same_index_with_its_provenance()
    {
        var imported = await new Ut1Importer().ImportAsync(new CategoryImportRequest(Ut1Files.Archive) { Categories = Sets.Of("gambling", "porn", "chat") });
        var store = new CategorySnapshotStore(_data.Path, new FixedTimeProvider(Now));

        store.Save(imported.Index, imported.Report);
        var loaded = store.TryLoad();

        Assert.Equal(SnapshotLoadStatus.Loaded, loaded.Status);
        Assert.Equal(Ut1ImporterTests.Snapshot(imported.Index), Ut1ImporterTests.Snapshot(loaded.Index!));
        var provenance = loaded.Provenance!;
        Assert.Equal(Now, provenance.ImportedAt);
        Assert.Equal(Path.GetFullPath(Ut1Files.Archive), provenance.Source);
        Assert.Equal(imported.Index.DomainCount, provenance.Domains);
        Assert.Equal(imported.Report.Find("gambling")!.Entries, provenance.CategoryEntries["gambling"]);
        Assert.Equal("adult", provenance.Aliases["porn"]);
        Assert.Equal(Path.Combine(_data.Path, "categories", "index.snapshot"), store.SnapshotPath);
        Assert.Equal(["index.json", "index.snapshot"], Directory.EnumerateFiles(store.Directory).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void A_leftover_temp_file_from_a_crashed_save_is_ignored()
    {
        var store = new CategorySnapshotStore(_data.Path);
        var index = Indexes.Of("chat", "chat.test");
        store.Save(index, Indexes.ReportFor(index));
        var leftover = store.SnapshotPath + ".0123456789abcdef.tmp";
        File.WriteAllBytes(leftover, [1, 2, 3]);

        Assert.Equal(1, store.TryLoad().Index!.DomainCount);
        var bigger = Indexes.Of("chat", "chat.test", "more.test");
        store.Save(bigger, Indexes.ReportFor(bigger));
        Assert.Equal(2, store.TryLoad().Index!.DomainCount);
        Assert.Equal([leftover], Directory.EnumerateFiles(store.Directory, "*.tmp"));
    }

    [Fact]
    public void A_missing_or_corrupt_snapshot_is_a_result_not_an_exception()
    {
        var store = new CategorySnapshotStore(_data.Path);
        Assert.Equal(SnapshotLoadStatus.Missing, store.TryLoad().Status);

        var index = Indexes.Of("chat", "chat.test", "b.test");
        store.Save(index, Indexes.ReportFor(index));
        var bytes = File.ReadAllBytes(store.SnapshotPath);

        File.WriteAllBytes(store.SnapshotPath, bytes[..(bytes.Length / 2)]);
        var truncated = store.TryLoad();
        Assert.Equal(SnapshotLoadStatus.Invalid, truncated.Status);
        Assert.Contains("truncated", truncated.Error, StringComparison.Ordinal);

        bytes[^12] ^= 0xff;
        File.WriteAllBytes(store.SnapshotPath, bytes);
        Assert.Equal(SnapshotLoadStatus.Invalid, store.TryLoad().Status);

        File.WriteAllText(store.SnapshotPath, "not a snapshot at all");
        Assert.Contains("bad magic", store.TryLoad().Error, StringComparison.Ordinal);
    }
}
