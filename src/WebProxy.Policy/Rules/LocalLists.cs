namespace WebProxy.Policy.Rules;

/// <summary>
/// The names under which the municipality's own lists (<c>categories/local/</c>) enter a
/// <see cref="Categories.CategoryIndex"/> next to the imported lists.
/// </summary>
/// <remarks>
/// <c>categories/local/allow/{domains,urls}</c> is imported as <see cref="Allow"/>: it wins over every category.
/// <c>categories/local/deny/&lt;regulation category&gt;/{domains,urls}</c> (for example <c>local/deny/gambling/domains</c>)
/// is imported as <see cref="DenyListName"/> of that category (<c>local-deny-gambling</c>): always blocked, article
/// 5.4, reported under the category the municipality filed it in. Names starting with <see cref="Prefix"/> are
/// reserved: <c>mapping.json</c> may not map them.
/// </remarks>
public static class LocalLists
{
    /// <summary>The prefix reserved for local lists.</summary>
    public const string Prefix = "local-";

    /// <summary>The local allow list: wins over every category.</summary>
    public const string Allow = "local-allow";

    /// <summary>The prefix of the local deny lists, one per regulation category.</summary>
    public const string DenyPrefix = "local-deny-";

    /// <summary>The article local deny entries enforce.</summary>
    public const string DenyArticle = "5.4";

    private static readonly string[] DenyNames = [.. RegulationCategoryNames.All.Select(c => DenyPrefix + RegulationCategoryNames.Name(c))];

    /// <summary>The list category of the local deny list for <paramref name="category"/>, e.g. <c>local-deny-adult</c>.</summary>
    public static string DenyListName(RegulationCategory category) => DenyNames[(int)category];

    /// <summary>Reads a local deny list name back to its regulation category.</summary>
    public static bool TryParseDenyList(string listCategory, out RegulationCategory category)
    {
        ArgumentNullException.ThrowIfNull(listCategory);
        category = default;
        return listCategory.StartsWith(DenyPrefix, StringComparison.Ordinal)
            && RegulationCategoryNames.TryParse(listCategory[DenyPrefix.Length..], out category);
    }
}
