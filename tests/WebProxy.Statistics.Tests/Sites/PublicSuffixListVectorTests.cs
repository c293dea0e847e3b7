using System.Globalization;
using WebProxy.Statistics.Sites;
using WebProxy.Statistics.Tests.Support;

namespace WebProxy.Statistics.Tests.Sites;

/// <summary>The list's own test vectors (<c>../shared/psl/tests.txt</c>) against the real list.</summary>
public sealed class PublicSuffixListVectorTests
{
    private static readonly IdnMapping Idn = new();

    public static TheoryData<int, string?, string?> Vectors()
    {
        var data = new TheoryData<int, string?, string?>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(SharedPsl.VectorsPath))
        {
            lineNumber++;
            if (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            var parts = line.Split(' ');
            data.Add(lineNumber, Nullable(parts[0]), Nullable(parts[1]));
        }

        return data;
    }

    [Fact]
    public void The_vector_file_holds_the_expected_number_of_cases()
    {
        // A guard against the file silently shrinking (or the reader skipping lines): 78 cases at the commit noted
        // in ../shared/psl/README.md.
        Assert.Equal(78, Vectors().Count);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Every_vector_gives_the_expected_registrable_domain(int line, string? input, string? expected)
    {
        // The vectors write the answer for a Unicode input in Unicode; ours is always punycode, the same site.
        var expectedAscii = expected is null ? null : Idn.GetAscii(expected);
        Assert.True(expectedAscii == SharedPsl.List.RegistrableDomain(input), $"tests.txt line {line}: {input} → {expected}");
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void The_fallback_answers_the_list_answer_or_a_parent_of_it(int line, string? input, string? expected)
    {
        _ = expected;
        var listed = SharedPsl.List.RegistrableDomain(input);
        var fallback = PublicSuffixList.Fallback.RegistrableDomain(input);
        if (listed is null)
        {
            return; // a public suffix: the fallback may name it (co.uk) or not; nothing is split either way
        }

        Assert.NotNull(fallback);
        Assert.True(listed == fallback || listed.EndsWith("." + fallback, StringComparison.Ordinal), $"line {line}: {listed} vs {fallback}");
    }

    private static string? Nullable(string text) => text == "null" ? null : text;
}
