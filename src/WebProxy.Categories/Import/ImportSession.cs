using System.Text;
using WebProxy.Policy.Categories;

namespace WebProxy.Categories.Import;

/// <summary>
/// One import in progress: the index builder, and per category what was read from where. The builder's report is
/// cumulative, so each list's share is the difference around its <see cref="CategoryIndexBuilder.AddList"/>.
/// </summary>
internal sealed class ImportSession
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly CategoryIndexBuilder _builder = new();
    private readonly Dictionary<string, Accumulator> _stats = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, string> _aliases = new(StringComparer.Ordinal);
    private readonly List<string> _notes = [];

    public IReadOnlyDictionary<string, string> Aliases => _aliases;

    /// <summary>Declares a category so its bit does not depend on the order files arrive in.</summary>
    public void Declare(string category)
    {
        try
        {
            _builder.AddCategory(category);
        }
        catch (InvalidOperationException e)
        {
            throw new CategoryImportException(
                $"{e.Message} Name the list categories to import instead of importing every category of the source.", e);
        }

        if (!_stats.ContainsKey(category))
        {
            _stats[category] = new Accumulator();
        }
    }

    public bool IsDeclared(string category) => _stats.ContainsKey(category);

    public void AddAlias(string alias, string target) => _aliases[alias] = target;

    public void Note(string note) => _notes.Add(note);

    /// <summary>Reads a list into <paramref name="category"/>; the caller keeps and disposes <paramref name="stream"/>.</summary>
    /// <param name="category">The list category the entries belong to.</param>
    /// <param name="folder">The source folder read (the category, an alias target, or a local list).</param>
    /// <param name="kind">Which list.</param>
    /// <param name="stream">The list's bytes.</param>
    /// <param name="file">How problems name the file.</param>
    public void AddList(string category, string folder, ListKind kind, Stream stream, string file)
    {
        Declare(category);
        var before = _builder.Report;
        using (var reader = new StreamReader(stream, Utf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true))
        {
            _builder.AddList(category, kind, reader, file);
        }

        var after = _builder.Report;
        var stats = _stats[category];
        stats.Folder = folder;
        stats.Files.Add(file);
        stats.Lines += after.Lines - before.Lines;
        stats.Entries += after.Entries - before.Entries;
        stats.Problems += after.ProblemCount - before.ProblemCount;
    }

    public CategoryImportResult Build(string source)
    {
        var index = _builder.Build();
        var report = _builder.Report;
        var categories = index.Categories
            .Select(c => _stats[c])
            .Zip(index.Categories, (s, c) => new CategoryImportStats(c, s.Folder, [.. s.Files], s.Lines, s.Entries, s.Problems))
            .ToArray();
        return new CategoryImportResult(
            index,
            new ImportReport(source, categories, new SortedDictionary<string, string>(_aliases, StringComparer.Ordinal), report.ProblemCount, report.Problems, [.. _notes]));
    }

    private sealed class Accumulator
    {
        public string Folder { get; set; } = string.Empty;

        public List<string> Files { get; } = [];

        public int Lines { get; set; }

        public int Entries { get; set; }

        public int Problems { get; set; }
    }
}
