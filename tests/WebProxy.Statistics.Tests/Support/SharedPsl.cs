using WebProxy.Statistics.Sites;

namespace WebProxy.Statistics.Tests.Support;

/// <summary>
/// The Public Suffix List and its test vectors in <c>../shared/psl/</c> beside the repository (never copied into it).
/// </summary>
internal static class SharedPsl
{
    public const string ListFileName = "public_suffix_list.dat";

    private static readonly Lazy<PublicSuffixList> RealList = new(() => Load());

    public static string Folder => Path.Combine(WebProxy.TestData.SharedTestData.Folder, "psl");

    public static string ListPath => Path.Combine(Folder, ListFileName);

    public static string VectorsPath => Path.Combine(Folder, "tests.txt");

    /// <summary>The real list, parsed once for all tests.</summary>
    public static PublicSuffixList List => RealList.Value;

    public static PublicSuffixList Load()
    {
        using var reader = new StreamReader(ListPath);
        return PublicSuffixList.Parse(reader, ListFileName);
    }
}
