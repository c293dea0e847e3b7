using System.Diagnostics.CodeAnalysis;
using WebProxy.Policy.Categories;

namespace WebProxy.Categories.Snapshots;

/// <summary>The outcome of <see cref="CategorySnapshotStore.TryLoad"/>; a bad snapshot is a result, not an exception.</summary>
/// <param name="Status">What was found.</param>
/// <param name="Index">The index, when <see cref="SnapshotLoadStatus.Loaded"/>.</param>
/// <param name="Provenance">The provenance next to it, when readable.</param>
/// <param name="Error">Why it could not be loaded, otherwise.</param>
public sealed record SnapshotLoadResult(
    SnapshotLoadStatus Status,
    CategoryIndex? Index,
    CategorySnapshotProvenance? Provenance,
    string? Error)
{
    /// <summary>True when <see cref="Index"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Index))]
    public bool IsLoaded => Status == SnapshotLoadStatus.Loaded;
}
