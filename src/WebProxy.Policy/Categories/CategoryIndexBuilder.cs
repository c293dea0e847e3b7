using System.Collections.Frozen;

namespace WebProxy.Policy.Categories;

/// <summary>
/// Collects list text per named category and builds an immutable <see cref="CategoryIndex"/>. Malformed lines never
/// throw: they are counted and kept (up to <see cref="MaxProblemsKept"/>) with file and line in <see cref="Report"/>.
/// Not thread-safe.
/// </summary>
public sealed class CategoryIndexBuilder
{
    /// <summary>How many problems <see cref="Report"/> keeps in detail; all are counted.</summary>
    public const int MaxProblemsKept = 1000;

    private const int MaxEntryLength = 200;

    private readonly List<string> _categories = [];
    private readonly DomainTableBuilder _domains = new();
    private readonly Dictionary<(string Host, string Path), ulong> _urls = [];
    private readonly Dictionary<string, ulong> _expressions = new(StringComparer.Ordinal);
    private readonly List<ParseProblem> _problems = [];
    private int _lines;
    private int _entries;
    private int _removals;
    private int _skipped;
    private int _problemCount;

    /// <summary>The counts and problems so far.</summary>
    public ListLoadReport Report => new(_lines, _entries, _removals, _skipped, _problemCount, [.. _problems]);

    /// <summary>Declares a category (idempotent) and returns its bit.</summary>
    /// <exception cref="InvalidOperationException">More than <see cref="CategoryIndex.MaxCategories"/> categories.</exception>
    public ulong AddCategory(string category)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(category);
        var index = _categories.IndexOf(category);
        if (index < 0)
        {
            if (_categories.Count == CategoryIndex.MaxCategories)
            {
                throw new InvalidOperationException(
                    $"An index holds at most {CategoryIndex.MaxCategories} categories; '{category}' would be one more.");
            }

            index = _categories.Count;
            _categories.Add(category);
        }

        return 1UL << index;
    }

    /// <summary>Reads every line of a list file of <paramref name="category"/>.</summary>
    /// <param name="category">The category name, e.g. <c>gambling</c>.</param>
    /// <param name="kind">Which list the text is.</param>
    /// <param name="reader">The list text (the caller owns and disposes it).</param>
    /// <param name="file">How problems name the file, e.g. <c>gambling/domains</c>.</param>
    public void AddList(string category, ListKind kind, TextReader reader, string file)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var mask = AddCategory(category);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            AddLine(mask, kind, line, file, ++lineNumber);
        }
    }

    /// <summary>Adds one list line of <paramref name="category"/>; see <see cref="ListEntryParser"/>.</summary>
    /// <returns>False when the line was a problem (recorded in <see cref="Report"/>).</returns>
    public bool AddLine(string category, ListKind kind, string line, string file, int lineNumber) =>
        AddLine(AddCategory(category), kind, line, file, lineNumber);

    /// <summary>Adds (or, for <see cref="ListEntry.IsRemoval"/>, removes) a parsed entry.</summary>
    public void Add(string category, ListEntry entry) => Apply(AddCategory(category), entry);

    /// <summary>Builds the index. The builder can keep collecting afterwards.</summary>
    public CategoryIndex Build()
    {
        var urls = _urls
            .Where(u => u.Value != 0)
            .GroupBy(u => u.Key.Host, StringComparer.Ordinal)
            .ToFrozenDictionary(
                g => g.Key,
                g => g.OrderBy(u => u.Key.Path, StringComparer.Ordinal).Select(u => new UrlRule(u.Key.Path, u.Value)).ToArray(),
                StringComparer.Ordinal);
        var expressions = _expressions
            .Where(e => e.Value != 0)
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => PosixRegex.TryCompile(e.Key, out var regex, out _) ? new ExpressionRule(e.Key, regex!, e.Value) : null)
            .OfType<ExpressionRule>()
            .ToArray();
        return new CategoryIndex([.. _categories], _domains.Build(), new UrlTable(urls), expressions);
    }

    private bool AddLine(ulong mask, ListKind kind, string line, string file, int lineNumber)
    {
        ArgumentNullException.ThrowIfNull(line);
        _lines++;
        switch (ListEntryParser.Parse(kind, line, out var entry, out var problem))
        {
            case ParseOutcome.Entry:
                Apply(mask, entry);
                return true;
            case ParseOutcome.Skipped:
                _skipped++;
                return true;
            default:
                _problemCount++;
                if (_problems.Count < MaxProblemsKept)
                {
                    var text = line.Trim();
                    _problems.Add(new ParseProblem(file, lineNumber, text.Length > MaxEntryLength ? text[..MaxEntryLength] : text, problem!));
                }

                return false;
        }
    }

    private void Apply(ulong mask, ListEntry entry)
    {
        if (entry.IsRemoval)
        {
            _removals++;
        }
        else
        {
            _entries++;
        }

        switch (entry.Kind)
        {
            case ListKind.Domains when entry.IsRemoval:
                _domains.Remove(entry.Host, mask);
                break;
            case ListKind.Domains:
                _domains.Add(entry.Host, mask);
                break;
            case ListKind.Urls:
                Update(_urls, (entry.Host, entry.Path), mask, entry.IsRemoval);
                break;
            case ListKind.Expressions:
                Update(_expressions, entry.Path, mask, entry.IsRemoval);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(entry), entry.Kind, "Unknown list kind.");
        }
    }

    private static void Update<TKey>(Dictionary<TKey, ulong> entries, TKey key, ulong mask, bool removal)
        where TKey : notnull
    {
        var existing = entries.GetValueOrDefault(key);
        entries[key] = removal ? existing & ~mask : existing | mask;
    }
}
