namespace WebProxy.Policy.Categories;

/// <summary>One normalised line of a list file.</summary>
/// <param name="Kind">Which file the line came from.</param>
/// <param name="Host">
/// Domains: the normalised domain or IPv4 literal. Urls: the normalised host with a leading
/// <c>www</c>/<c>web</c>/<c>ftp</c>+digits label stripped (see <see cref="UrlText.StripWwwLabel"/>).
/// Expressions: empty.
/// </param>
/// <param name="Path">
/// Urls: the path-and-query prefix, normalised like a request path (percent-decoded, lower-case, <c>//</c> collapsed);
/// empty when the entry names a host only. Expressions: the regular expression source. Domains: empty.
/// </param>
/// <param name="IsRemoval">True for a <c>-</c> line of a diff file: remove the entry instead of adding it.</param>
public readonly record struct ListEntry(ListKind Kind, string Host, string Path, bool IsRemoval);
