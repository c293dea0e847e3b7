using WebProxy.Policy.Categories;

namespace WebProxy.Categories;

/// <summary>The index was swapped: <see cref="Previous"/> is no longer <see cref="CategoryIndexProvider.Current"/>.</summary>
public sealed class CategoryIndexChangedEventArgs(CategoryIndex previous, CategoryIndex current) : EventArgs
{
    public CategoryIndex Previous { get; } = previous;

    public CategoryIndex Current { get; } = current;
}
