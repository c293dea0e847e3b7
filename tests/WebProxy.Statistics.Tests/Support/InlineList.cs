using WebProxy.Statistics.Sites;

namespace WebProxy.Statistics.Tests.Support;

internal static class InlineList
{
    public const string FileName = "inline.dat";

    /// <summary>Parses the given lines as a list file named <see cref="FileName"/>.</summary>
    public static PublicSuffixList Parse(params string[] lines)
    {
        using var reader = new StringReader(string.Join('\n', lines));
        return PublicSuffixList.Parse(reader, FileName);
    }

    /// <summary>The exception parsing the given lines throws.</summary>
    public static PublicSuffixListException Error(params string[] lines) =>
        Assert.Throws<PublicSuffixListException>(() => Parse(lines));
}
