using System.Runtime.CompilerServices;
using WebProxy.Statistics.Sites;

namespace WebProxy.Statistics.Tests.Support;

/// <summary>
/// The Public Suffix List and its test vectors in <c>../shared/psl/</c> beside the repository (never copied into it).
/// </summary>
internal static class SharedPsl
{
    public const string ListFileName = "public_suffix_list.dat";

    private static readonly Lazy<string> FolderPath = new(() => FindFolder());
    private static readonly Lazy<PublicSuffixList> RealList = new(() => Load());

    public static string Folder => FolderPath.Value;

    public static string ListPath => Path.Combine(Folder, ListFileName);

    public static string VectorsPath => Path.Combine(Folder, "tests.txt");

    /// <summary>The real list, parsed once for all tests.</summary>
    public static PublicSuffixList List => RealList.Value;

    public static PublicSuffixList Load()
    {
        using var reader = new StreamReader(ListPath);
        return PublicSuffixList.Parse(reader, ListFileName);
    }

    // The test binaries may live outside the repository (--artifacts-path), so also try this source file's folder.
    private static string FindFolder([CallerFilePath] string sourceFile = "")
    {
        string[] starts = [AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? string.Empty];
        foreach (var start in starts.Where(s => s.Length > 0))
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "WebProxy.sln")))
                {
                    var folder = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "psl"));
                    return Directory.Exists(folder)
                        ? folder
                        : throw new DirectoryNotFoundException($"The Public Suffix List test data is expected at {folder}.");
                }
            }
        }

        throw new DirectoryNotFoundException("WebProxy.sln not found above " + string.Join(", ", starts));
    }
}
