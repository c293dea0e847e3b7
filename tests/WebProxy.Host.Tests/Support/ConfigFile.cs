using WebProxy.Testing;

namespace WebProxy.Host.Tests.Support;

/// <summary>A configuration file written to a fresh temp folder, and the line numbers of what is in it.</summary>
internal sealed class ConfigFile : IDisposable
{
    private readonly TempDirectory _directory = new();

    public ConfigFile(string text, string name = "webproxy.json")
    {
        Text = text;
        Path = System.IO.Path.Combine(_directory.Path, name);
        File.WriteAllText(Path, text);
    }

    public string Path { get; }

    public string Text { get; }

    public string DirectoryPath => _directory.Path;

    /// <summary>The 1-based line of the only line that contains <paramref name="snippet"/>.</summary>
    public int LineOf(string snippet) => LineIn(Text, snippet);

    public static int LineIn(string text, string snippet)
    {
        var lines = text.Split('\n');
        var matches = Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains(snippet, StringComparison.Ordinal)).ToArray();
        Assert.True(matches.Length == 1, $"The test file must contain '{snippet}' on exactly one line, found {matches.Length}.");
        return matches[0] + 1;
    }

    public void Dispose() => _directory.Dispose();
}
