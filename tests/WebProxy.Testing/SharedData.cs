using System.Runtime.CompilerServices;

namespace WebProxy.Testing;

/// <summary>
/// The <c>shared</c> folder next to the repository: real UT1 lists and the Public Suffix List with its test vectors,
/// read where they are and never copied into the project. The repository is found from the test binaries or, when
/// they are built elsewhere (<c>--artifacts-path</c>), from this source file.
/// </summary>
public static class SharedData
{
    /// <summary>The shared folder; a test that needs it fails with the path it looked in when it is missing.</summary>
    public static string Folder => Locate();

    /// <summary>A file under the shared folder, which must exist.</summary>
    public static string File(params string[] parts)
    {
        var path = Path.Combine([Folder, .. parts]);
        Assert.True(System.IO.File.Exists(path), $"The shared test data file is expected at {path} (the shared folder next to the repository).");
        return path;
    }

    private static string Locate([CallerFilePath] string sourceFile = "")
    {
        var root = RepositoryRoot(AppContext.BaseDirectory) ?? RepositoryRoot(Path.GetDirectoryName(sourceFile)!);
        Assert.True(root is not null, "WebProxy.sln was not found above the test binaries or the test sources.");
        return Path.Combine(root!.Parent?.FullName ?? "/", "shared");
    }

    private static DirectoryInfo? RepositoryRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(directory.FullName, "WebProxy.sln")))
            {
                return directory;
            }
        }

        return null;
    }
}
