using System.Runtime.CompilerServices;

namespace WebProxy.TestData;

/// <summary>
/// Where the repository and the shared test data are (real UT1 lists, the Public Suffix List): the <c>shared</c>
/// folder beside the repository, never copied into it. A clone made elsewhere (<c>git clone . /tmp/x</c>) finds it
/// beside the repository it was cloned from (git's <c>origin</c>, when that is a local folder); the environment
/// variable <c>WEBPROXY_SHARED_DATA</c> names it outright. Compiled into every test project (tests/Directory.Build.props).
/// </summary>
internal static class SharedTestData
{
    public const string EnvironmentVariable = "WEBPROXY_SHARED_DATA";

    private static readonly Lazy<string> RepositoryPath = new(() => FindRepository());
    private static readonly Lazy<string> FolderPath = new(() => FindShared(Repository));

    /// <summary>The repository's root folder (the one with WebProxy.sln).</summary>
    public static string Repository => RepositoryPath.Value;

    /// <summary>The shared folder; throws with the places looked at when there is none.</summary>
    public static string Folder => FolderPath.Value;

    // The test binaries may live outside the repository (--artifacts-path), so also try this source file's folder.
    private static string FindRepository([CallerFilePath] string sourceFile = "")
    {
        string[] starts = [AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? string.Empty, Environment.CurrentDirectory];
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

    private static string FindShared(string repository)
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }

        candidates.Add(Path.Combine(repository, "..", "shared"));
        if (OriginFolder(repository) is { } origin)
        {
            candidates.Add(Path.Combine(origin, "..", "shared"));
        }

        return candidates.Select(Path.GetFullPath).FirstOrDefault(Directory.Exists)
            ?? throw new DirectoryNotFoundException(
                $"The shared test data was not found at {string.Join(" or ", candidates.Select(Path.GetFullPath))}; set {EnvironmentVariable}.");
    }

    /// <summary>The <c>url</c> of <c>[remote "origin"]</c> in .git/config, when it is a local folder.</summary>
    private static string? OriginFolder(string repository)
    {
        var config = Path.Combine(repository, ".git", "config");
        if (!File.Exists(config))
        {
            return null;
        }

        var inOrigin = false;
        foreach (var raw in File.ReadLines(config))
        {
            var line = raw.Trim();
            if (line.StartsWith('['))
            {
                inOrigin = line == "[remote \"origin\"]";
            }
            else if (inOrigin && line.StartsWith("url", StringComparison.Ordinal) && line.IndexOf('=') is var equals and > 0)
            {
                var url = line[(equals + 1)..].Trim();
                return Directory.Exists(url) ? Path.GetFullPath(url) : null;
            }
        }

        return null;
    }
}
