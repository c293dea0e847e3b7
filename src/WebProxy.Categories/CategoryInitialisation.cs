namespace WebProxy.Categories;

/// <summary>What <see cref="CategoriesUpdater.EnsureInitialisedAsync"/> did.</summary>
public enum CategoryInitialisationStatus
{
    /// <summary>A valid snapshot was already there; nothing was done.</summary>
    Existing,

    /// <summary>There was no snapshot; one was built from the sample and local lists.</summary>
    Created,

    /// <summary>The snapshot was invalid; it was moved aside and one was built from the sample and local lists.</summary>
    ReplacedInvalid,
}

/// <summary>The outcome of <see cref="CategoriesUpdater.EnsureInitialisedAsync"/>.</summary>
/// <param name="Status">What was done.</param>
/// <param name="Report">The import's report when a snapshot was built.</param>
/// <param name="Detail">Why the old snapshot was replaced, when it was.</param>
public sealed record CategoryInitialisation(CategoryInitialisationStatus Status, ImportReport? Report, string? Detail);
