using System.IO.Compression;
using WebProxy.Statistics.Sites;
using WebProxy.Statistics.Tests.Support;

namespace WebProxy.Statistics.Tests.Sites;

/// <summary>The published list in <c>../shared/psl/public_suffix_list.dat</c>.</summary>
public sealed class RealPublicSuffixListTests
{
    [Fact]
    public void The_real_list_parses_with_every_rule_in_one_of_its_two_sections()
    {
        var ruleLines = File.ReadLines(SharedPsl.ListPath)
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith("//", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Count();

        var list = SharedPsl.Load();

        Assert.Equal(ruleLines, list.RuleCount);
        Assert.True(list.IcannRuleCount > 6000, $"{list.IcannRuleCount} ICANN rules");
        Assert.True(list.PrivateRuleCount > 3000, $"{list.PrivateRuleCount} private rules");
        Assert.Equal(list.RuleCount, list.IcannRuleCount + list.PrivateRuleCount);
    }

    [Theory]
    [InlineData("www.rijksoverheid.nl", "rijksoverheid.nl")]
    [InlineData("www.bbc.co.uk", "bbc.co.uk")]
    [InlineData("co.uk", null)]
    [InlineData("login.microsoftonline.com", "microsoftonline.com")]
    [InlineData("municipality.github.io", "municipality.github.io")] // PRIVATE section: each user's pages are a site
    [InlineData("docs.municipality.github.io", "municipality.github.io")]
    [InlineData("github.io", null)]
    [InlineData("ec2-1-2-3-4.eu-west-1.compute.amazonaws.com", "ec2-1-2-3-4.eu-west-1.compute.amazonaws.com")]
    [InlineData("bucket.s3.amazonaws.com", "bucket.s3.amazonaws.com")]
    [InlineData("www.city.kobe.jp", "city.kobe.jp")]
    [InlineData("events.amsterdam", "events.amsterdam")]
    [InlineData("intranet", null)]
    public void Typical_hosts_map_to_their_site(string host, string? site)
    {
        Assert.Equal(site, SharedPsl.List.RegistrableDomain(host));
    }

    [Fact]
    public void A_list_cut_off_in_the_middle_is_refused_at_the_section_it_ends_in()
    {
        var lines = File.ReadAllLines(SharedPsl.ListPath);
        var icannBegins = Array.IndexOf(lines, "// ===BEGIN ICANN DOMAINS===") + 1;

        var error = InlineList.Error(lines[..(lines.Length / 2)]);

        Assert.Equal(icannBegins, error.Line);
        Assert.Contains("never ends", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_gzipped_list_is_refused_as_not_text_on_line_1()
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(File.ReadAllBytes(SharedPsl.ListPath));
        }

        compressed.Position = 0;
        using var reader = new StreamReader(compressed);
        var error = Assert.Throws<PublicSuffixListException>(() => PublicSuffixList.Parse(reader, "public_suffix_list.dat.gz"));

        Assert.Equal("public_suffix_list.dat.gz", error.FileName);
        Assert.Equal(1, error.Line);
        Assert.StartsWith("public_suffix_list.dat.gz, line 1: the file is not UTF-8 text", error.Message, StringComparison.Ordinal);
    }
}
