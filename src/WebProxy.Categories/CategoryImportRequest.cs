namespace WebProxy.Categories;

/// <summary>What <see cref="Ut1Importer.ImportAsync"/> imports, and from where.</summary>
/// <param name="Source">A UT1 directory (category folders, or a folder holding <c>blacklists/</c>), a
/// <c>blacklists.tar.gz</c> (or <c>.tar</c>) file, or an <c>https://</c> URL of one. <c>http://</c> is refused.</param>
public sealed record CategoryImportRequest(string Source)
{
    /// <summary>The default bound on a download: 1 GiB (UT1's full <c>blacklists.tar.gz</c> is about 20 MiB).</summary>
    public const long DefaultMaxDownloadBytes = 1L << 30;

    /// <summary>
    /// The list categories to import (the mapping's list categories); a name may be a UT1 alias such as <c>porn</c>,
    /// which reads its target's folder. Every other category of the source is skipped without being parsed.
    /// Null imports every category of the source (at most <see cref="Policy.Categories.CategoryIndex.MaxCategories"/>).
    /// </summary>
    public IReadOnlySet<string>? Categories { get; init; }

    /// <summary>
    /// The local lists folder (<c>categories/local</c>): <c>allow/{domains,urls}</c> is imported as
    /// <see cref="Policy.Rules.LocalLists.Allow"/>, <c>deny/&lt;regulation category&gt;/{domains,urls}</c> as
    /// <see cref="Policy.Rules.LocalLists.DenyListName"/>; null for none. When set it must exist.
    /// </summary>
    public string? LocalListsDirectory { get; init; }

    /// <summary>Where a download is written while it is imported (the data folder); null for the system temp folder.</summary>
    public string? WorkDirectory { get; init; }

    /// <summary>
    /// Entries per category of the index this import would replace (from <see cref="CategorySnapshotProvenance"/>).
    /// A category that had entries and now has none makes the import fail.
    /// </summary>
    public IReadOnlyDictionary<string, int>? PreviousEntries { get; init; }

    /// <summary>The largest download accepted.</summary>
    public long MaxDownloadBytes { get; init; } = DefaultMaxDownloadBytes;

    /// <summary>How long a download may take, headers to last byte.</summary>
    public TimeSpan DownloadTimeout { get; init; } = TimeSpan.FromMinutes(10);
}
