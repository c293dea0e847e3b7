namespace WebProxy.Testing;

/// <summary>
/// An external program a test runs (curl, promtool). A missing tool fails the test with the package to install;
/// it never skips it, so a machine without the tool cannot report a green run that tested nothing.
/// </summary>
public static class RequiredTool
{
    /// <summary>The full path of <paramref name="name"/> on PATH (or in /usr/bin).</summary>
    public static string Find(string name, string debianPackage)
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin");
        var path = directories.Select(directory => Path.Combine(directory, name)).FirstOrDefault(File.Exists);
        Assert.True(path is not null,
            $"'{name}' was not found on PATH. This test runs the real tool; install the Debian package '{debianPackage}' (apt-get install {debianPackage}).");
        return path!;
    }
}
