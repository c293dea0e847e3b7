using System.Collections.Frozen;

namespace WebProxy.Policy.Categories;

/// <summary>
/// The url lists: for each www-stripped host, its path prefixes with their categories. A rule matches when the
/// request's normalised path-and-query starts with its prefix, as a plain string (squidGuard 1.6 compares
/// <c>host/path</c> keys as string prefixes, so <c>chrishemple.co.uk/proxy</c> also matches <c>/proxyzzz</c>; this
/// table does the same). Unlike squidGuard, every matching prefix counts: squidGuard's B-tree lookup only looks at the
/// neighbours of the request's sort position, so it misses <c>foo.com/a</c> for <c>foo.com/a/q</c> when the same list
/// has <c>foo.com/a/y</c>.
/// </summary>
public sealed class UrlTable
{
    private readonly FrozenDictionary<string, UrlRule[]> _rules;
    private readonly FrozenDictionary<string, UrlRule[]>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    internal UrlTable(FrozenDictionary<string, UrlRule[]> rules)
    {
        _rules = rules;
        _lookup = rules.GetAlternateLookup<ReadOnlySpan<char>>();
        Count = rules.Values.Sum(r => r.Length);
    }

    /// <summary>A table without rules.</summary>
    public static UrlTable Empty { get; } = new(FrozenDictionary<string, UrlRule[]>.Empty);

    /// <summary>Number of rules (distinct host and prefix pairs).</summary>
    public int Count { get; }

    /// <summary>Number of distinct hosts.</summary>
    public int HostCount => _rules.Count;

    /// <summary>The categories of every rule of <paramref name="strippedHost"/> that is a prefix of <paramref name="normalisedPath"/>.</summary>
    /// <param name="strippedHost">A normalised host after <see cref="UrlText.StripWwwLabel"/>.</param>
    /// <param name="normalisedPath">A path from <see cref="UrlText.NormalisePath"/>.</param>
    public ulong Match(ReadOnlySpan<char> strippedHost, string normalisedPath)
    {
        if (_rules.Count == 0 || !_lookup.TryGetValue(strippedHost, out var rules))
        {
            return 0;
        }

        ulong categories = 0;
        foreach (var rule in rules)
        {
            if (normalisedPath.StartsWith(rule.PathPrefix, StringComparison.Ordinal))
            {
                categories |= rule.Categories;
            }
        }

        return categories;
    }

    /// <summary>Every (host, rule) pair, ordered by host then prefix.</summary>
    public IEnumerable<(string Host, UrlRule Rule)> Enumerate()
    {
        foreach (var host in _rules.Keys.Order(StringComparer.Ordinal))
        {
            foreach (var rule in _rules[host])
            {
                yield return (host, rule);
            }
        }
    }
}
