using System.Diagnostics;
using System.Text;

namespace WebProxy.Policy.Tests.Support;

/// <summary>
/// Runs Debian's squidGuard 1.6 over plain-text lists in a temporary folder: writes <c>squidGuard.conf</c> with one
/// <c>dest</c> per category and a default ACL that passes none of them, compiles the lists (<c>-C all</c>), then feeds
/// URLs in the redirector format squidGuard 1.6 reads, <c>URL client-ip/fqdn ident method</c> (no channel-ID; it
/// answers <c>OK rewrite-url="..."</c> for a block and <c>ERR</c> for a pass).
/// </summary>
internal sealed class SquidGuardRunner : IDisposable
{
    public const string Executable = "/usr/bin/squidGuard";

    private readonly string _directory = Directory.CreateTempSubdirectory("webproxy-squidguard-").FullName;
    private readonly List<string> _categories = [];

    public static bool IsInstalled => File.Exists(Executable);

    /// <summary>Adds a category; null or empty lists are left out of its <c>dest</c> block.</summary>
    public void AddCategory(string name, IEnumerable<string>? domains, IEnumerable<string>? urls, IEnumerable<string>? expressions)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_directory, "db", name)).FullName;
        Write(folder, "domains", domains);
        Write(folder, "urls", urls);
        Write(folder, "expressions", expressions);
        _categories.Add(name);
    }

    /// <summary>For each URL, whether squidGuard redirects (blocks) it.</summary>
    public async Task<IReadOnlyList<bool>> CheckAsync(IReadOnlyList<string> urls)
    {
        var config = WriteConfig();
        await RunAsync(["-C", "all", "-c", config], string.Empty);
        var input = new StringBuilder();
        foreach (var url in urls)
        {
            input.Append(url).Append(" 10.0.0.1/- - GET\n");
        }

        var output = await RunAsync(["-c", config], input.ToString());
        var answers = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(urls.Count, answers.Length);
        return [.. answers.Select(a => a.StartsWith("OK rewrite-url=", StringComparison.Ordinal))];
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static void Write(string folder, string file, IEnumerable<string>? lines)
    {
        if (lines is not null)
        {
            File.WriteAllLines(Path.Combine(folder, file), lines);
        }
    }

    private string WriteConfig()
    {
        var config = new StringBuilder();
        config.Append("dbhome ").Append(Path.Combine(_directory, "db")).Append('\n');
        config.Append("logdir ").Append(Directory.CreateDirectory(Path.Combine(_directory, "log")).FullName).Append('\n');
        foreach (var category in _categories)
        {
            config.Append("dest ").Append(category).Append(" {\n");
            foreach (var (file, keyword) in new[] { ("domains", "domainlist"), ("urls", "urllist"), ("expressions", "expressionlist") })
            {
                var path = Path.Combine(_directory, "db", category, file);
                if (File.Exists(path) && new FileInfo(path).Length > 0)
                {
                    config.Append("  ").Append(keyword).Append(' ').Append(category).Append('/').Append(file).Append('\n');
                }
            }

            config.Append("}\n");
        }

        config.Append("acl {\n  default {\n    pass ");
        foreach (var category in _categories)
        {
            config.Append('!').Append(category).Append(' ');
        }

        config.Append("all\n    redirect http://blocked/%t\n  }\n}\n");
        var configPath = Path.Combine(_directory, "squidGuard.conf");
        File.WriteAllText(configPath, config.ToString());
        return configPath;
    }

    private static async Task<string> RunAsync(string[] arguments, string input)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout;
        var errors = await stderr;
        Assert.True(process.ExitCode == 0, $"squidGuard {string.Join(' ', arguments)} exited {process.ExitCode}: {errors}");
        return output;
    }
}
