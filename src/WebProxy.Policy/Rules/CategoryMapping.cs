using System.Collections.Frozen;
using System.Text;
using System.Text.Json;
using WebProxy.Policy.Json;
using System.Text.RegularExpressions;

namespace WebProxy.Policy.Rules;

/// <summary>
/// Which list categories enforce which regulation category and article (<c>categories/mapping.json</c>; its format is
/// documented in <c>categories/README.md</c>). Immutable. Besides the file's entries it knows the local deny lists
/// (<see cref="LocalLists"/>): each <c>local-deny-&lt;category&gt;</c> is blocked under article 5.4.
/// </summary>
public sealed partial class CategoryMapping
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly FrozenSet<string> RootFields = FrozenSet.Create(StringComparer.Ordinal, "lists", "unmapped");
    private static readonly FrozenSet<string> ListFields = FrozenSet.Create(StringComparer.Ordinal, "list", "aliases", "category", "article", "blocked", "note");
    private static readonly FrozenSet<string> UnmappedFields = FrozenSet.Create(StringComparer.Ordinal, "list", "aliases", "note");

    private static readonly CategoryRule[] LocalDenyRules =
    [
        .. RegulationCategoryNames.All.Select(c => new CategoryRule(
            LocalLists.DenyListName(c), c, LocalLists.DenyArticle, Blocked: true, [], "The municipality's own deny list."))
    ];

    private readonly FrozenDictionary<string, CategoryRule> _byName;
    private readonly FrozenDictionary<string, string> _unmapped;

    private CategoryMapping(IReadOnlyList<CategoryRule> rules, FrozenDictionary<string, string> unmapped)
    {
        Rules = rules;
        _unmapped = unmapped;
        _byName = rules.Concat(LocalDenyRules)
            .SelectMany(r => r.Aliases.Prepend(r.ListCategory).Select(name => KeyValuePair.Create(name, r)))
            .ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>A mapping without entries: only the local deny lists block.</summary>
    public static CategoryMapping Empty { get; } = new([], FrozenDictionary<string, string>.Empty);

    /// <summary>The entries of the file, in file order (the local deny rules are implicit and not listed).</summary>
    public IReadOnlyList<CategoryRule> Rules { get; }

    /// <summary>List categories (and their aliases) the file names as deliberately not mapped, with the reason.</summary>
    public IReadOnlyDictionary<string, string> Unmapped => _unmapped;

    /// <summary>The rule of a list category, by its name or an alias, including the local deny lists.</summary>
    public bool TryGetRule(string listCategory, out CategoryRule rule)
    {
        ArgumentNullException.ThrowIfNull(listCategory);
        return _byName.TryGetValue(listCategory, out rule!);
    }

    /// <summary>Parses a mapping file. JSON with comments and trailing commas; unknown fields are errors.</summary>
    /// <param name="json">The file's text.</param>
    /// <param name="fileName">How errors name the file, e.g. <c>categories/mapping.json</c>.</param>
    /// <exception cref="CategoryMappingException">The file is not valid; the message names the file, the line and the field.</exception>
    public static CategoryMapping Parse(string json, string fileName)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(fileName);
        var bytes = Encoding.UTF8.GetBytes(json.StartsWith('\uFEFF') ? json[1..] : json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new CategoryMappingException(fileName, (int)(e.LineNumber ?? 0) + 1, string.Empty, "not valid JSON: " + e.Message, e);
        }

        using (document)
        {
            var lines = new JsonLineMap(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return new Parser(fileName, lines).Read(document.RootElement);
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_.-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ListNamePattern();

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)*[a-z]?$", RegexOptions.CultureInvariant)]
    private static partial Regex ArticlePattern();

    private sealed class Parser(string fileName, JsonLineMap lines)
    {
        private readonly StrictJsonObjects _json = new((path, problem, occurrence) => new CategoryMappingException(fileName, lines.LineOf(path, occurrence), path, problem));

        private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

        public CategoryMapping Read(JsonElement root)
        {
            var fields = _json.Fields(root, string.Empty, RootFields);
            if (!fields.TryGetValue("lists", out var lists))
            {
                throw Error("lists", "the field is missing");
            }

            var rules = new List<CategoryRule>();
            foreach (var (entry, path) in _json.Items(lists, "lists"))
            {
                rules.Add(ReadRule(entry, path));
            }

            var unmapped = new Dictionary<string, string>(StringComparer.Ordinal);
            if (fields.TryGetValue("unmapped", out var unmappedList))
            {
                foreach (var (entry, path) in _json.Items(unmappedList, "unmapped"))
                {
                    var entryFields = _json.Fields(entry, path, UnmappedFields);
                    var name = ListName(entryFields, path);
                    var note = _json.Text(entryFields, path, "note", required: true)!;
                    unmapped[name] = note;
                    foreach (var alias in Aliases(entryFields, path))
                    {
                        unmapped[alias] = note;
                    }
                }
            }

            return new CategoryMapping(rules, unmapped.ToFrozenDictionary(StringComparer.Ordinal));
        }

        private CategoryRule ReadRule(JsonElement entry, string path)
        {
            var fields = _json.Fields(entry, path, ListFields);
            var name = ListName(fields, path);
            var aliases = Aliases(fields, path);
            var categoryText = _json.Text(fields, path, "category", required: true)!;
            if (!RegulationCategoryNames.TryParse(categoryText, out var category))
            {
                throw Error(JsonLineMap.Child(path, "category"),
                    $"unknown regulation category '{categoryText}'; expected one of {string.Join(", ", RegulationCategoryNames.All.Select(RegulationCategoryNames.Name))}");
            }

            var article = _json.Text(fields, path, "article", required: true)!;
            if (!ArticlePattern().IsMatch(article))
            {
                throw Error(JsonLineMap.Child(path, "article"), $"'{article}' is not an article number such as 5.4");
            }

            if (!fields.TryGetValue("blocked", out var blocked))
            {
                throw Error(JsonLineMap.Child(path, "blocked"), "the field is missing (true or false)");
            }

            if (blocked.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw Error(JsonLineMap.Child(path, "blocked"), "must be true or false");
            }

            return new CategoryRule(name, category, article, blocked.GetBoolean(), aliases, _json.Text(fields, path, "note", required: false));
        }

        private string ListName(Dictionary<string, JsonElement> fields, string path)
        {
            var name = _json.Text(fields, path, "list", required: true)!;
            Claim(name, JsonLineMap.Child(path, "list"));
            return name;
        }

        private string[] Aliases(Dictionary<string, JsonElement> fields, string path)
        {
            if (!fields.TryGetValue("aliases", out var aliases))
            {
                return [];
            }

            var names = new List<string>();
            foreach (var (alias, aliasPath) in _json.Items(aliases, JsonLineMap.Child(path, "aliases")))
            {
                if (alias.ValueKind != JsonValueKind.String)
                {
                    throw Error(aliasPath, "must be a string");
                }

                var name = alias.GetString()!;
                Claim(name, aliasPath);
                names.Add(name);
            }

            return [.. names];
        }

        // Each list name or alias may appear once in the whole file, and local-* names are reserved.
        private void Claim(string name, string path)
        {
            if (!ListNamePattern().IsMatch(name))
            {
                throw Error(path, $"'{name}' is not a list category name (lower-case letters, digits, '_', '-', '.')");
            }

            if (name.StartsWith(LocalLists.Prefix, StringComparison.Ordinal))
            {
                throw Error(path, $"'{name}' is reserved for the local lists (categories/local/), which are mapped implicitly");
            }

            if (_names.TryGetValue(name, out var first))
            {
                throw Error(path, $"'{name}' is already named at line {lines.LineOf(first)} ({first})");
            }

            _names[name] = path;
        }

        private CategoryMappingException Error(string path, string problem, int occurrence = 0) =>
            new(fileName, lines.LineOf(path, occurrence), path, problem);
    }
}
