using System.Diagnostics;
using WebProxy.Policy.Categories;

namespace WebProxy.Benchmarks;

/// <summary>
/// The synthetic category lists of the category benchmarks (issue #3): UT1 folders written by
/// <c>perf/categories/generate-domains.py</c> into <c>perf/out/categories/&lt;n&gt;m</c> (git-ignored), compiled once
/// into <c>&lt;n&gt;m.snapshot</c> next to them. Everything here runs in a <c>[GlobalSetup]</c>, never in a measured part.
/// Set <c>WEBPROXY_PERF_CATEGORIES</c> to use another folder.
/// </summary>
internal static class CategoriesData
{
    public const int Seed = 3;

    public static string Folder
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("WEBPROXY_PERF_CATEGORIES");
            return string.IsNullOrEmpty(configured) ? Path.Combine(RepositoryRoot, "perf", "out", "categories") : configured;
        }
    }

    public static string RepositoryRoot
    {
        get
        {
            // BenchmarkDotNet runs each benchmark in a child process from a generated bin folder: walk up to the repo.
            foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            {
                for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                {
                    if (File.Exists(Path.Combine(dir.FullName, "perf", "categories", "generate-domains.py")))
                    {
                        return dir.FullName;
                    }
                }
            }

            throw new InvalidOperationException("Cannot find the repository (perf/categories/generate-domains.py) above the working directory.");
        }
    }

    /// <summary>The list folder of <paramref name="millions"/> million domains, generated when missing.</summary>
    public static string ListFolder(int millions)
    {
        var folder = Path.Combine(Folder, $"{millions}m");
        var queries = QueriesFile(millions);
        if (!File.Exists(Path.Combine(folder, "adult", "domains")) || (millions == 1 && !File.Exists(queries)))
        {
            Run("python3", Path.Combine(RepositoryRoot, "perf", "categories", "generate-domains.py"),
                "--count", (millions * 1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--seed", Seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", folder, "--queries", queries);
        }

        return folder;
    }

    public static string QueriesFile(int millions) => Path.Combine(Folder, $"{millions}m-queries.tsv");

    /// <summary>The compiled snapshot of <see cref="ListFolder"/>, built when missing or older than the lists.</summary>
    public static string SnapshotFile(int millions)
    {
        var folder = ListFolder(millions);
        var snapshot = Path.Combine(Folder, $"{millions}m.snapshot");
        var lists = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(File.GetLastWriteTimeUtc).Max();
        if (File.Exists(snapshot) && File.GetLastWriteTimeUtc(snapshot) > lists)
        {
            return snapshot;
        }

        var builder = new CategoryIndexBuilder();
        foreach (var category in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(category);
            foreach (var (file, kind) in new[] { ("domains", ListKind.Domains), ("urls", ListKind.Urls) })
            {
                var path = Path.Combine(category, file);
                if (File.Exists(path))
                {
                    using var reader = new StreamReader(path);
                    builder.AddList(name, kind, reader, $"{name}/{file}");
                }
            }
        }

        var index = builder.Build();
        var temp = snapshot + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            CategorySnapshot.Write(index, stream);
        }

        File.Move(temp, snapshot, overwrite: true);
        return snapshot;
    }

    /// <summary>Reads a snapshot the way <c>CategorySnapshotStore.TryLoad</c> does.</summary>
    public static CategoryIndex Load(string snapshot)
    {
        using var stream = new FileStream(
            snapshot, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, FileOptions.SequentialScan);
        return CategorySnapshot.Read(stream);
    }

    /// <summary>The lookup sample: (kind, host, path-and-query) lines of <c>generate-domains.py --queries</c>.</summary>
    public static (string Kind, string Host, string Path)[] Queries(int millions)
    {
        ListFolder(millions);
        return File.ReadLines(QueriesFile(millions))
            .Select(line => line.Split('\t'))
            .Where(parts => parts.Length == 3)
            .Select(parts => (parts[0], parts[1], parts[2]))
            .ToArray();
    }

    private static void Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {file}.");
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}.");
        }
    }
}
