using System.IO.Compression;
using System.Runtime.CompilerServices;
using WebProxy.Policy.Categories;

namespace WebProxy.Policy.Tests.Support;

/// <summary>
/// The real UT1 lists in <c>../shared/categories/ut1/</c> (next to the repository; never copied into it), read from
/// their gzipped per-file copies.
/// </summary>
internal static class Ut1Data
{
    public static readonly string[] Categories =
    [
        "adult", "mixed_adult", "agressif", "gambling", "arjel", "chat", "warez", "hacking", "filehosting", "webmail",
        "redirector", "bank", "press", "sexual_education",
    ];

    public static string Root => Path.Combine(WebProxy.TestData.SharedTestData.Folder, "categories", "ut1");

    public static string FilePath(string category, string file) => Path.Combine(Root, "files", category, file + ".gz");

    public static string OddEntriesPath => Path.Combine(Root, "odd-entries.tsv.gz");

    /// <summary>The lines of <c>files/&lt;category&gt;/&lt;file&gt;.gz</c>, or none when the category has no such file.</summary>
    public static IEnumerable<string> ReadLines(string category, string file)
    {
        var path = FilePath(category, file);
        if (!File.Exists(path))
        {
            yield break;
        }

        using var reader = OpenText(path);
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }

    public static StreamReader OpenText(string gzipPath) =>
        new(new GZipStream(File.OpenRead(gzipPath), CompressionMode.Decompress));

    /// <summary>Loads every selected category's domains, urls and expressions into one builder.</summary>
    public static CategoryIndexBuilder LoadAll(IEnumerable<string>? categories = null)
    {
        var builder = new CategoryIndexBuilder();
        foreach (var category in categories ?? Categories)
        {
            builder.AddCategory(category);
            foreach (var (file, kind) in new[] { ("domains", ListKind.Domains), ("urls", ListKind.Urls), ("expressions", ListKind.Expressions) })
            {
                var path = FilePath(category, file);
                if (File.Exists(path))
                {
                    using var reader = OpenText(path);
                    builder.AddList(category, kind, reader, $"{category}/{file}");
                }
            }
        }

        return builder;
    }
}
