namespace WebProxy.Categories.Snapshots;

/// <summary>Where the snapshot's lists came from (<c>index.json</c> next to the snapshot).</summary>
/// <param name="Source">The import source, without credentials or query.</param>
/// <param name="ImportedAt">When the snapshot was saved.</param>
/// <param name="Domains">Distinct domain entries in the index.</param>
/// <param name="Urls">Distinct url entries.</param>
/// <param name="Expressions">Distinct expressions.</param>
/// <param name="ProblemCount">Malformed lines skipped by the import.</param>
/// <param name="CategoryEntries">Entries per list category, as the import counted them.</param>
/// <param name="Aliases">UT1 aliases the source had (<c>porn</c> → <c>adult</c>).</param>
/// <param name="SnapshotVersion">The snapshot format version.</param>
public sealed record CategorySnapshotProvenance(
    string Source,
    DateTimeOffset ImportedAt,
    int Domains,
    int Urls,
    int Expressions,
    int ProblemCount,
    IReadOnlyDictionary<string, int> CategoryEntries,
    IReadOnlyDictionary<string, string> Aliases,
    int SnapshotVersion);
