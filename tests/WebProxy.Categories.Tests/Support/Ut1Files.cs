using System.IO.Compression;
using System.Runtime.CompilerServices;

namespace WebProxy.Categories.Tests.Support;

/// <summary>
/// The real UT1 lists in <c>../shared/categories/ut1/</c> (next to the repository; never copied into it), and the
/// repository's own <c>categories/</c> folder.
/// </summary>
internal static class Ut1Files
{
    public static string Repository => WebProxy.TestData.SharedTestData.Repository;

    public static string Root => Path.Combine(WebProxy.TestData.SharedTestData.Folder, "categories", "ut1");

    public static string Archive => Path.Combine(Root, "ut1-selected-blacklists.tar.gz");

    public static string OddEntries => Path.Combine(Root, "odd-entries.tsv.gz");

    public static string RepositoryCategories => Path.Combine(Repository, "categories");

    /// <summary>Gunzips <c>files/&lt;category&gt;/*.gz</c> into <c>&lt;target&gt;/&lt;category&gt;/</c>.</summary>
    public static string Unpack(string target, string category)
    {
        var folder = Directory.CreateDirectory(Path.Combine(target, category)).FullName;
        foreach (var gz in Directory.EnumerateFiles(Path.Combine(Root, "files", category), "*.gz"))
        {
            using var input = new GZipStream(File.OpenRead(gz), CompressionMode.Decompress);
            using var output = File.Create(Path.Combine(folder, Path.GetFileNameWithoutExtension(gz)));
            input.CopyTo(output);
        }

        return folder;
    }

    /// <summary>The non-empty lines of <c>files/&lt;category&gt;/&lt;file&gt;.gz</c>.</summary>
    public static string[] Lines(string category, string file)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(Path.Combine(Root, "files", category, file + ".gz")), CompressionMode.Decompress));
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                lines.Add(line);
            }
        }

        return [.. lines];
    }

    /// <summary>Rows of <c>odd-entries.tsv.gz</c>: (file, line, entry).</summary>
    public static IEnumerable<(string File, int Line, string Entry)> OddEntryRows()
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(OddEntries), CompressionMode.Decompress));
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            var columns = line.Split('\t');
            yield return (columns[0], int.Parse(columns[1], System.Globalization.CultureInfo.InvariantCulture), columns[2]);
        }
    }
}
