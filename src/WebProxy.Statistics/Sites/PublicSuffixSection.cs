namespace WebProxy.Statistics.Sites;

/// <summary>
/// The two divisions of the list, marked by <c>// ===BEGIN ICANN DOMAINS===</c> … <c>// ===END ICANN DOMAINS===</c>
/// and the same for <c>PRIVATE</c>. Both are applied, as browsers do: a private rule such as <c>github.io</c> means
/// every user's pages are a separate site, which is what a visitor sees.
/// </summary>
internal enum PublicSuffixSection
{
    /// <summary>Outside both sections (a hand-made list may have no markers at all).</summary>
    None,

    /// <summary>Suffixes delegated by registries under ICANN's authority (<c>co.uk</c>, <c>kyoto.jp</c>).</summary>
    Icann,

    /// <summary>Suffixes under which a company lets others register names (<c>github.io</c>, <c>blogspot.com</c>).</summary>
    Private,
}
