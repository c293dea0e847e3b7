namespace WebProxy.Categories.Snapshots;

/// <summary>What <see cref="CategorySnapshotStore.TryLoad"/> found.</summary>
public enum SnapshotLoadStatus
{
    /// <summary>The snapshot was read.</summary>
    Loaded,

    /// <summary>There is no snapshot yet.</summary>
    Missing,

    /// <summary>The snapshot is unreadable, truncated, corrupt or of another version; the error says which.</summary>
    Invalid,
}
