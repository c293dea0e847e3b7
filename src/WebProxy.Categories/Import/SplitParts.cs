namespace WebProxy.Categories.Import;

/// <summary>The parts of a byte-split list (<c>domains.0</c>, <c>domains.1</c>, ...), which must all be there.</summary>
internal static class SplitParts
{
    /// <summary>The parts' paths in numeric order (so <c>.10</c> follows <c>.9</c>).</summary>
    /// <exception cref="CategoryImportException">A part is missing: joining the rest would corrupt the list.</exception>
    public static IReadOnlyList<string> InOrder(IEnumerable<(int Part, string Path)> parts, string name)
    {
        var ordered = parts.Where(p => p.Part >= 0).OrderBy(p => p.Part).ToArray();
        for (var i = 0; i < ordered.Length; i++)
        {
            if (ordered[i].Part != i)
            {
                throw new CategoryImportException(
                    $"The split list '{name}' has no part {i} (parts found: {string.Join(", ", ordered.Select(p => p.Part))}).");
            }
        }

        return [.. ordered.Select(p => p.Path)];
    }
}
