using WebProxy.Policy.Rules;

namespace WebProxy.Admin.Statistics;

/// <summary>
/// The rules a report can be limited to: the regulation's categories (article 5.4) and the two size rules (articles
/// 5.3, 5.4 and 5.6), by the names the recorder stores. A fixed list, so a misspelt category is refused instead of
/// giving an empty report that looks like good news.
/// </summary>
internal static class StatisticsCategories
{
    public static IReadOnlyList<string> All { get; } =
    [
        .. RegulationCategoryNames.All.Select(RegulationCategoryNames.Name),
        BlockReason.DownloadTooLarge.Name,
        BlockReason.UploadTooLarge.Name,
    ];

    public static bool IsKnown(string category) => All.Contains(category, StringComparer.Ordinal);
}
