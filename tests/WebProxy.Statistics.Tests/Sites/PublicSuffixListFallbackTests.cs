using WebProxy.Statistics.Sites;

namespace WebProxy.Statistics.Tests.Sites;

/// <summary>The documented fallback used without a list: the last two labels, or the address.</summary>
public sealed class PublicSuffixListFallbackTests
{
    [Fact]
    public void The_fallback_has_no_rules()
    {
        Assert.Equal(0, PublicSuffixList.Fallback.RuleCount);
    }

    [Theory]
    [InlineData("www.example.nl", "example.nl")]
    [InlineData("a.b.example.nl", "example.nl")]
    [InlineData("WWW.Example.NL.", "example.nl")]
    [InlineData("example.nl", "example.nl")]
    [InlineData("nl", null)]
    [InlineData("intranet", null)]
    [InlineData("食狮.中国", "xn--85x722f.xn--fiqs8s")]
    [InlineData("192.0.2.1", "192.0.2.1")]
    [InlineData("[2001:db8::1]", "2001:db8::1")]
    [InlineData("a..example.nl", null)]
    public void The_fallback_site_is_the_last_two_labels(string host, string? site)
    {
        Assert.Equal(site, PublicSuffixList.Fallback.RegistrableDomain(host));
    }

    [Theory]
    [InlineData("www.bbc.co.uk", "co.uk")]
    [InlineData("www.amazon.co.uk", "co.uk")]
    [InlineData("alice.github.io", "github.io")]
    [InlineData("co.uk", "co.uk")]
    public void Under_a_multi_label_public_suffix_the_fallback_merges_sites_as_documented(string host, string site)
    {
        Assert.Equal(site, PublicSuffixList.Fallback.RegistrableDomain(host));
    }
}
