using System.Diagnostics.CodeAnalysis;

namespace WebProxy.Categories;

/// <summary>The outcome of <see cref="CategoryIndexProvider.ReloadFromSnapshot"/>.</summary>
/// <param name="Succeeded">True when the new index is now current.</param>
/// <param name="Error">Why the previous index was kept, otherwise.</param>
public sealed record CategoryReloadResult(bool Succeeded, string? Error)
{
    internal static CategoryReloadResult Ok { get; } = new(true, null);

    [MemberNotNullWhen(false, nameof(Error))]
    public bool Failed => !Succeeded;
}
