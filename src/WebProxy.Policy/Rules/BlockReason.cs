namespace WebProxy.Policy.Rules;

/// <summary>
/// Why something is blocked: what the block page names and the metrics count. Instances are created once (per list
/// category when a <see cref="PolicyEngine"/> is built, and the two size rules here), so a block allocates nothing.
/// </summary>
public sealed class BlockReason
{
    private BlockReason(string name, RegulationCategory? category, string article, string? listCategory)
    {
        Name = name;
        Category = category;
        Article = article;
        ListCategory = listCategory;
    }

    /// <summary>The download size rule of article 5.4 (no oversized downloads without prior consultation).</summary>
    public static BlockReason DownloadTooLarge { get; } = new("download-size", null, "5.4", null);

    /// <summary>The upload size rule of articles 5.3 and 5.6 (no oversized files sent; webmail counts as e-mail).</summary>
    public static BlockReason UploadTooLarge { get; } = new("upload-size", null, "5.3, 5.6", null);

    /// <summary>
    /// A stable lower-case label for metrics and block pages: the regulation category name (<c>adult</c>, <c>hate</c>,
    /// <c>gambling</c>, <c>chat</c>, <c>warez</c>) or <c>download-size</c> / <c>upload-size</c>.
    /// </summary>
    public string Name { get; }

    /// <summary>The regulation category, or null for a size rule.</summary>
    public RegulationCategory? Category { get; }

    /// <summary>The article of the regulation the block enforces, e.g. <c>5.4</c>.</summary>
    public string Article { get; }

    /// <summary>The list category that matched (its canonical name, aliases resolved), or null for a size rule.</summary>
    public string? ListCategory { get; }

    /// <summary>A reason for a category block.</summary>
    public static BlockReason ForCategory(RegulationCategory category, string article, string listCategory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(article);
        ArgumentException.ThrowIfNullOrWhiteSpace(listCategory);
        return new BlockReason(RegulationCategoryNames.Name(category), category, article, listCategory);
    }

    public override string ToString() =>
        ListCategory is null ? $"{Name} (article {Article})" : $"{Name} (article {Article}, list {ListCategory})";
}
