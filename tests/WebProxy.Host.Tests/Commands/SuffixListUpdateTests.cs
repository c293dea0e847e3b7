using WebProxy.Testing;

namespace WebProxy.Host.Tests.Commands;

/// <summary>
/// <c>webproxy categories update --suffix-list</c> installs the Public Suffix List the statistics tell sites apart
/// with (issue 5). A file that is not a valid list is refused with its name and line, and the installed list stays.
/// </summary>
public sealed class SuffixListUpdateTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private string DataDirectory => Path.Combine(_temp.Path, "data");

    private string Installed => Path.Combine(DataDirectory, "psl", "public_suffix_list.dat");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_valid_list_is_installed_in_the_data_folder()
    {
        var result = await WebProxyExecutable.RunAsync(["categories", "update", "--data", DataDirectory, "--suffix-list", SharedData.File("psl", "public_suffix_list.dat")]);

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("Public Suffix List installed", result.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllBytesAsync(SharedData.File("psl", "public_suffix_list.dat")), await File.ReadAllBytesAsync(Installed));
    }

    [Fact]
    public async Task A_malformed_list_is_refused_with_its_file_and_line_and_the_installed_list_stays()
    {
        await WebProxyExecutable.RunAsync(["categories", "update", "--data", DataDirectory, "--suffix-list", SharedData.File("psl", "public_suffix_list.dat")]);
        var before = await File.ReadAllBytesAsync(Installed);
        var broken = Path.Combine(_temp.Path, "broken.dat");
        await File.WriteAllTextAsync(broken, "// ===BEGIN ICANN DOMAINS===\nnl\nco..uk\n// ===END ICANN DOMAINS===\n");

        var result = await WebProxyExecutable.RunAsync(["categories", "update", "--data", DataDirectory, "--suffix-list", broken]);

        Assert.True(result.ExitCode == 2, result.Describe());
        Assert.StartsWith("webproxy: ", result.StandardError, StringComparison.Ordinal);
        Assert.Contains(broken, result.StandardError, StringComparison.Ordinal);
        Assert.Contains("line 3", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(Installed));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(Installed)!, "*.tmp"));
    }

    [Fact]
    public async Task A_source_that_does_not_exist_is_refused_in_one_line()
    {
        var result = await WebProxyExecutable.RunAsync(["categories", "update", "--data", DataDirectory, "--suffix-list", Path.Combine(_temp.Path, "missing.dat")]);

        Assert.True(result.ExitCode == 2, result.Describe());
        Assert.Contains("neither an existing file nor an https URL", result.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(Installed));
    }
}
