using System.Globalization;

namespace WebProxy.Policy.Categories;

/// <summary>
/// An immutable index of category lists (UT1/squidGuard format): domains, url prefixes and expressions, each entry
/// tagged with a bit mask of the named categories it is listed in (at most 64 categories). Safe to share between
/// threads; a reload builds a new index and swaps the reference.
/// </summary>
/// <remarks>
/// Request inputs are the normalised host (<see cref="RequestUrlNormaliser"/>: lower-case, punycode, no port, no
/// trailing dot, IPv4 in dotted-decimal) and, for full requests, the path-and-query as sent on the wire.
/// </remarks>
public sealed class CategoryIndex
{
    private readonly string[] _categories;
    private readonly ExpressionRule[] _expressions;

    internal CategoryIndex(string[] categories, DomainTable domains, UrlTable urls, ExpressionRule[] expressions)
    {
        if (categories.Length > MaxCategories)
        {
            throw new ArgumentException($"At most {MaxCategories} categories.", nameof(categories));
        }

        _categories = categories;
        Domains = domains;
        Urls = urls;
        _expressions = expressions;
    }

    /// <summary>The number of categories a single index can hold: one bit of a <see cref="ulong"/> each.</summary>
    public const int MaxCategories = 64;

    /// <summary>An index with no categories, which matches nothing.</summary>
    public static CategoryIndex Empty { get; } = new([], DomainTable.Empty, UrlTable.Empty, []);

    /// <summary>The category names; the name at index <c>i</c> owns bit <c>1UL &lt;&lt; i</c>.</summary>
    public IReadOnlyList<string> Categories => _categories;

    /// <summary>The domain lists.</summary>
    public DomainTable Domains { get; }

    /// <summary>The url lists.</summary>
    public UrlTable Urls { get; }

    /// <summary>The expression lists.</summary>
    public IReadOnlyList<ExpressionRule> Expressions => _expressions;

    /// <summary>Number of distinct domain entries.</summary>
    public int DomainCount => Domains.Count;

    /// <summary>Number of distinct url entries.</summary>
    public int UrlCount => Urls.Count;

    /// <summary>Number of distinct expressions.</summary>
    public int ExpressionCount => _expressions.Length;

    /// <summary>The bit of category <paramref name="category"/>, or 0 when the index does not have it.</summary>
    public ulong MaskOf(string category)
    {
        var index = Array.IndexOf(_categories, category);
        return index < 0 ? 0 : 1UL << index;
    }

    /// <summary>The names of the categories set in <paramref name="mask"/>, in bit order.</summary>
    public IReadOnlyList<string> CategoriesOf(ulong mask)
    {
        if (mask == 0)
        {
            return [];
        }

        var names = new List<string>(System.Numerics.BitOperations.PopCount(mask));
        for (var i = 0; i < _categories.Length; i++)
        {
            if ((mask & (1UL << i)) != 0)
            {
                names.Add(_categories[i]);
            }
        }

        return names;
    }

    /// <summary>
    /// The categories of a host alone (a CONNECT, where the path is not visible): the domain lists, for the host and
    /// every parent domain; an IP literal matches only an identical entry.
    /// </summary>
    /// <param name="normalisedHost">A host from <see cref="RequestUrlNormaliser"/>.</param>
    public ulong MatchHost(string normalisedHost)
    {
        ArgumentNullException.ThrowIfNull(normalisedHost);
        return Domains.Match(normalisedHost, IsAddress(normalisedHost));
    }

    /// <summary>
    /// The categories of a full request: the domain lists (as <see cref="MatchHost"/>), the url lists (the host
    /// without a leading <c>www</c>/<c>web</c>/<c>ftp</c>+digits label, and the normalised path as a string prefix) and
    /// the expressions, which see what squidGuard 1.6 gives them: <c>host[:port]/path?query</c>, lower-case,
    /// percent-decoded, without scheme, user-info or fragment.
    /// </summary>
    /// <param name="normalisedHost">A host from <see cref="RequestUrlNormaliser"/>.</param>
    /// <param name="pathAndQuery">The path and query as sent (origin-form); it is normalised here
    /// (<see cref="UrlText.NormalisePath"/>), so do not decode it beforehand.</param>
    /// <param name="port">The port when the URL names one explicitly and it is not the scheme's default, else 0;
    /// only expressions see it.</param>
    public ulong MatchUrl(string normalisedHost, string pathAndQuery, int port = 0)
    {
        ArgumentNullException.ThrowIfNull(normalisedHost);
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var categories = MatchHost(normalisedHost);
        if (Urls.Count == 0 && _expressions.Length == 0)
        {
            return categories;
        }

        var path = UrlText.NormalisePath(pathAndQuery);
        categories |= Urls.Match(UrlText.StripWwwLabel(normalisedHost), path);
        if (_expressions.Length > 0)
        {
            var subject = port > 0
                ? string.Concat(normalisedHost, ":", port.ToString(CultureInfo.InvariantCulture), path)
                : string.Concat(normalisedHost, path);
            foreach (var expression in _expressions)
            {
                if ((categories & expression.Categories) != expression.Categories && expression.Regex.IsMatch(subject))
                {
                    categories |= expression.Categories;
                }
            }
        }

        return categories;
    }

    /// <summary>The categories of a request from <see cref="RequestUrlNormaliser"/>.</summary>
    public ulong MatchUrl(CategoryRequest request) => MatchUrl(request.Host, request.PathAndQuery, request.Port);

    private static bool IsAddress(string host) => UrlText.IsIPv4Literal(host) || host.Contains(':', StringComparison.Ordinal);
}
