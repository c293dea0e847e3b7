namespace WebProxy.Proxy.Pages;

/// <summary>Why a request was refused by rule, in the regulation's own terms.</summary>
/// <param name="Category">The regulation category's stable name: adult, hate, gambling, chat, warez, or size.</param>
/// <param name="Article">The article of the regulation that forbids it, such as "5.4".</param>
public sealed record BlockReason(string Category, string Article)
{
    /// <summary>The size rule's category name (articles 5.3, 5.4 and 5.6).</summary>
    public const string SizeCategory = "size";
}
