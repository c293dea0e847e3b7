using System.Runtime.CompilerServices;
using WebProxy.Policy.Categories;
using WebProxy.Policy.Rules;

namespace WebProxy.Policy.Tests.Rules;

/// <summary>The repository's <c>categories/</c> folder, found above the test binaries or this source file.</summary>
internal static class RepositoryFiles
{
    private static readonly Lazy<string> RootPath = new(() => FindRoot());

    public static string CategoriesFolder => Path.Combine(RootPath.Value, "categories");

    public static string MappingPath => Path.Combine(CategoriesFolder, "mapping.json");

    public static CategoryMapping LoadMapping() => CategoryMapping.Parse(File.ReadAllText(MappingPath), "categories/mapping.json");

    /// <summary>Adds every <c>domains</c>/<c>urls</c> file under <paramref name="folder"/> as <paramref name="category"/>.</summary>
    public static void AddFolder(CategoryIndexBuilder builder, string category, string folder)
    {
        builder.AddCategory(category);
        foreach (var (file, kind) in new[] { ("domains", ListKind.Domains), ("urls", ListKind.Urls) })
        {
            var path = Path.Combine(folder, file);
            if (File.Exists(path))
            {
                using var reader = new StreamReader(path);
                builder.AddList(category, kind, reader, Path.GetRelativePath(CategoriesFolder, path));
            }
        }
    }

    private static string FindRoot([CallerFilePath] string sourceFile = "")
    {
        string[] starts = [AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? string.Empty];
        foreach (var start in starts.Where(s => s.Length > 0))
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "WebProxy.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException("WebProxy.sln not found above " + string.Join(", ", starts));
    }
}
