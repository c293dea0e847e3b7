using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WebProxy.Policy.Categories;

namespace WebProxy.Categories.Snapshots;

/// <summary>
/// The compiled category index in the data folder: <c>&lt;data&gt;/categories/index.snapshot</c>
/// (<see cref="CategorySnapshot"/>) and its provenance <c>index.json</c>. Both are replaced atomically: written to a
/// temp file in the same folder, flushed to disk, then renamed over the old one, so a crash leaves either the old
/// file or the new one, never half of one. Readers only ever open the final names; a leftover temp file is ignored.
/// </summary>
public sealed class CategorySnapshotStore
{
    /// <summary>The snapshot's file name.</summary>
    public const string SnapshotFileName = "index.snapshot";

    /// <summary>The provenance's file name.</summary>
    public const string ProvenanceFileName = "index.json";

    /// <summary>Temp files end with this, so a watcher and a reader can tell them apart.</summary>
    public const string TempSuffix = ".tmp";

    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <param name="dataDirectory">The proxy's data folder; the files live in its <c>categories</c> folder.</param>
    /// <param name="timeProvider">The clock for <see cref="CategorySnapshotProvenance.ImportedAt"/>.</param>
    /// <param name="logger">Where saves and bad snapshots are logged.</param>
    public CategorySnapshotStore(string dataDirectory, TimeProvider? timeProvider = null, ILogger<CategorySnapshotStore>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        Directory = Path.Combine(Path.GetFullPath(dataDirectory), "categories");
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<CategorySnapshotStore>.Instance;
    }

    /// <summary>The folder holding the snapshot (and, during an import, its temp files).</summary>
    public string Directory { get; }

    /// <summary>The snapshot file.</summary>
    public string SnapshotPath => Path.Combine(Directory, SnapshotFileName);

    /// <summary>The provenance file.</summary>
    public string ProvenancePath => Path.Combine(Directory, ProvenanceFileName);

    /// <summary>True when a snapshot file exists (it may still be invalid).</summary>
    public bool Exists => File.Exists(SnapshotPath);

    /// <summary>Writes the snapshot, then its provenance, each atomically.</summary>
    /// <returns>The provenance written.</returns>
    public CategorySnapshotProvenance Save(CategoryIndex index, ImportReport report)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(report);
        System.IO.Directory.CreateDirectory(Directory);
        var provenance = new CategorySnapshotProvenance(
            report.Source,
            _timeProvider.GetUtcNow(),
            index.DomainCount,
            index.UrlCount,
            index.ExpressionCount,
            report.ProblemCount,
            report.Categories.ToDictionary(c => c.Category, c => c.Entries, StringComparer.Ordinal),
            report.Aliases,
            CategorySnapshot.Version);
        WriteAtomically(SnapshotPath, stream => CategorySnapshot.Write(index, stream));
        WriteAtomically(ProvenancePath, stream => JsonSerializer.Serialize(stream, provenance, ProvenanceJsonContext.Default.CategorySnapshotProvenance));
        CategoriesLog.SnapshotSaved(_logger, SnapshotPath, index.DomainCount, index.UrlCount, index.ExpressionCount);
        return provenance;
    }

    /// <summary>Reads the snapshot. Never throws for a missing, unreadable or corrupt file: the result says so.</summary>
    public SnapshotLoadResult TryLoad()
    {
        CategoryIndex index;
        try
        {
            // FileShare.Delete: a save may rename a new snapshot over this one while it is being read.
            using var stream = new FileStream(
                SnapshotPath, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, FileOptions.SequentialScan);
            index = CategorySnapshot.Read(stream);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new SnapshotLoadResult(SnapshotLoadStatus.Missing, null, null, $"There is no category snapshot at {SnapshotPath}.");
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            CategoriesLog.SnapshotInvalid(_logger, SnapshotPath, e.Message);
            return new SnapshotLoadResult(SnapshotLoadStatus.Invalid, null, null, $"The category snapshot {SnapshotPath} cannot be loaded: {e.Message}");
        }

        return new SnapshotLoadResult(SnapshotLoadStatus.Loaded, index, ReadProvenance(), null);
    }

    /// <summary>The provenance, or null when it is missing or unreadable (it is informative only).</summary>
    public CategorySnapshotProvenance? ReadProvenance()
    {
        try
        {
            using var stream = new FileStream(ProvenancePath, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
            return JsonSerializer.Deserialize(stream, ProvenanceJsonContext.Default.CategorySnapshotProvenance);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Moves an invalid snapshot aside (kept for inspection) so a new one can be built.</summary>
    /// <returns>Where it went.</returns>
    internal string MoveAside()
    {
        var aside = Path.Combine(Directory, $"{SnapshotFileName}.invalid-{_timeProvider.GetUtcNow():yyyyMMddTHHmmssZ}");
        File.Move(SnapshotPath, aside, overwrite: true);
        return aside;
    }

    private static void WriteAtomically(string path, Action<Stream> write)
    {
        var temp = $"{path}.{Guid.NewGuid():N}{TempSuffix}";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            // rename(2) within one folder is atomic on POSIX file systems; MoveFileEx with REPLACE_EXISTING on NTFS.
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
