namespace WebProxy.Testing;

/// <summary>
/// The <c>shared</c> folder next to the repository: real UT1 lists and the Public Suffix List with its test vectors,
/// read where they are and never copied into the project. The repository is found from the test binaries or, when
/// they are built elsewhere (<c>--artifacts-path</c>), from this source file.
/// </summary>
public static class SharedData
{
    /// <summary>The shared folder (see <see cref="WebProxy.TestData.SharedTestData"/> for where it is looked for).</summary>
    public static string Folder => WebProxy.TestData.SharedTestData.Folder;

    /// <summary>A file under the shared folder, which must exist.</summary>
    public static string File(params string[] parts)
    {
        var path = Path.Combine([Folder, .. parts]);
        Assert.True(System.IO.File.Exists(path), $"The shared test data file is expected at {path} (the shared folder next to the repository).");
        return path;
    }
}
