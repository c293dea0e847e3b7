using WebProxy.Statistics.Sites;
using WebProxy.Statistics.Tests.Support;

namespace WebProxy.Statistics.Tests.Sites;

/// <summary>Each kind of rule, and how a host is normalised before the lookup, on a small inline list.</summary>
public sealed class PublicSuffixListRuleTests
{
    private static readonly PublicSuffixList List = InlineList.Parse(
        "// A small list with one example of each kind of rule.",
        "// ===BEGIN ICANN DOMAINS===",
        "com",
        "uk",
        "co.uk",
        "jp",
        "kobe.jp",
        "*.kobe.jp",
        "!city.kobe.jp",
        "*.ck",
        "!www.ck",
        "cn",
        "公司.cn",
        "// ===END ICANN DOMAINS===",
        "",
        "// ===BEGIN PRIVATE DOMAINS===",
        "github.io",
        "// ===END PRIVATE DOMAINS===");

    [Fact]
    public void Rules_are_counted_per_section()
    {
        Assert.Equal(12, List.RuleCount);
        Assert.Equal(11, List.IcannRuleCount);
        Assert.Equal(1, List.PrivateRuleCount);
    }

    [Theory]
    [InlineData("example.com", "example.com")]
    [InlineData("www.example.com", "example.com")]
    [InlineData("a.b.c.example.com", "example.com")]
    [InlineData("com", null)]
    public void A_normal_rule_makes_its_name_a_public_suffix(string host, string? site)
    {
        Assert.Equal(site, List.RegistrableDomain(host));
    }

    [Theory]
    [InlineData("www.bbc.co.uk", "bbc.co.uk")]
    [InlineData("bbc.co.uk", "bbc.co.uk")]
    [InlineData("co.uk", null)]
    [InlineData("uk", null)]
    [InlineData("parliament.uk", "parliament.uk")]
    public void The_longest_matching_rule_prevails(string host, string? site)
    {
        Assert.Equal(site, List.RegistrableDomain(host));
    }

    [Theory]
    [InlineData("kobe.jp", null)] // a normal rule too
    [InlineData("c.kobe.jp", null)] // matched by *.kobe.jp
    [InlineData("b.c.kobe.jp", "b.c.kobe.jp")]
    [InlineData("a.b.c.kobe.jp", "b.c.kobe.jp")]
    [InlineData("ck", null)] // *.ck needs a label in place of *; the implicit rule * applies
    [InlineData("test.ck", null)]
    [InlineData("b.test.ck", "b.test.ck")]
    public void A_wildcard_makes_every_child_a_public_suffix(string host, string? site)
    {
        Assert.Equal(site, List.RegistrableDomain(host));
    }

    [Theory]
    [InlineData("city.kobe.jp", "city.kobe.jp")]
    [InlineData("www.city.kobe.jp", "city.kobe.jp")]
    [InlineData("www.ck", "www.ck")]
    [InlineData("www.www.ck", "www.ck")]
    public void An_exception_prevails_over_the_wildcard_and_its_parent_is_the_suffix(string host, string? site)
    {
        Assert.Equal(site, List.RegistrableDomain(host));
    }

    [Theory]
    [InlineData("alice.github.io", "alice.github.io")]
    [InlineData("www.alice.github.io", "alice.github.io")]
    [InlineData("github.io", null)]
    public void Private_rules_apply_as_in_browsers(string host, string? site)
    {
        Assert.Equal(site, List.RegistrableDomain(host));
    }

    [Theory]
    [InlineData("intranet", null)]
    [InlineData("wiki.intranet", "wiki.intranet")]
    [InlineData("a.wiki.intranet", "wiki.intranet")]
    public void An_unlisted_top_level_domain_falls_to_the_implicit_rule(string host, string? site)
    {
        Assert.Equal(site, List.RegistrableDomain(host));
    }

    [Theory]
    [InlineData("WWW.Example.COM", "example.com")]
    [InlineData("www.example.com.", "example.com")]
    [InlineData("example.com.", "example.com")]
    [InlineData("_dmarc.example.com", "example.com")]
    [InlineData(".example.com", null)]
    [InlineData("www..example.com", null)]
    [InlineData("example.com..", null)]
    [InlineData(".", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    [InlineData("exa mple.com", null)]
    [InlineData("example.com/path", null)]
    [InlineData("example.com:443", null)]
    public void Hosts_are_normalised_and_malformed_ones_have_no_site(string? host, string? site)
    {
        Assert.Equal(site, List.RegistrableDomain(host));
    }

    [Fact]
    public void Names_longer_than_DNS_allows_have_no_site()
    {
        var longLabel = new string('a', 64) + ".com";
        var longName = string.Join('.', Enumerable.Repeat(new string('a', 60), 5)) + ".com";

        Assert.Null(List.RegistrableDomain(longLabel));
        Assert.Null(List.RegistrableDomain(longName));
        Assert.Null(List.RegistrableDomain(longName.ToUpperInvariant()));
    }

    [Theory]
    [InlineData("食狮.公司.cn", "xn--85x722f.xn--55qx5d.cn")]
    [InlineData("www.食狮.公司.cn", "xn--85x722f.xn--55qx5d.cn")]
    [InlineData("WWW.xn--85x722f.XN--55QX5D.cn", "xn--85x722f.xn--55qx5d.cn")]
    [InlineData("公司.cn", null)]
    [InlineData("xn--55qx5d.cn", null)]
    [InlineData("www.Bücher.com", "xn--bcher-kva.com")]
    [InlineData("WWW.BÜCHER.COM", "xn--bcher-kva.com")]
    [InlineData("www.xn--bcher-kva.com", "xn--bcher-kva.com")]
    [InlineData("www.食狮。公司。cn", "xn--85x722f.xn--55qx5d.cn")] // ideographic full stops are dots (UTS #46)
    public void Unicode_and_punycode_spellings_give_the_same_punycode_site(string host, string? site)
    {
        Assert.Equal(site, List.RegistrableDomain(host));
    }

    [Theory]
    [InlineData("192.0.2.10", "192.0.2.10")]
    [InlineData("192.0.2.10.", "192.0.2.10")]
    [InlineData("3221225994", "192.0.2.10")] // one number, as inet_aton and browsers read it
    [InlineData("2001:db8::1", "2001:db8::1")]
    [InlineData("[2001:db8::1]", "2001:db8::1")]
    [InlineData("[2001:DB8:0:0:0:0:0:1]", "2001:db8::1")]
    [InlineData("::ffff:192.0.2.10", "::ffff:192.0.2.10")]
    [InlineData("256.0.2.10", null)]
    [InlineData("1.2.3.4.5", null)]
    [InlineData("[2001:db8::1", null)]
    [InlineData("2001:db8::g", null)]
    [InlineData("[192.0.2.10]", null)]
    public void An_IP_address_is_its_own_site_in_canonical_form(string host, string? site)
    {
        Assert.Equal(site, List.RegistrableDomain(host));
        Assert.Equal(site, PublicSuffixList.Fallback.RegistrableDomain(host));
    }

    [Theory]
    [InlineData("example.com")]
    [InlineData("192.0.2.10")]
    [InlineData("2001:db8::1")]
    public void A_host_that_already_is_its_site_in_normal_form_comes_back_as_the_same_string(string host)
    {
        Assert.Same(host, List.RegistrableDomain(host));
    }

    [Fact]
    public void A_lookup_of_a_host_that_is_its_own_site_allocates_nothing()
    {
        Assert.Equal(0, Allocations.SteadyState(() => List.RegistrableDomain("example.com")));
    }

    [Fact]
    public void Rules_in_upper_case_rules_outside_sections_duplicates_and_trailing_text_are_accepted()
    {
        var list = InlineList.Parse(
            "\uFEFFCo.UK trailing text is ignored by the format",
            "co.uk",
            "\t uk \t",
            "*.Kobe.JP",
            "*.kobe.jp");

        Assert.Equal(3, list.RuleCount);
        Assert.Equal(0, list.IcannRuleCount + list.PrivateRuleCount);
        Assert.Equal("bbc.co.uk", list.RegistrableDomain("www.bbc.co.uk"));
        Assert.Equal("b.c.kobe.jp", list.RegistrableDomain("a.b.c.kobe.jp"));
    }

    [Fact]
    public void Windows_line_ends_are_accepted()
    {
        using var reader = new StringReader("// ===BEGIN ICANN DOMAINS===\r\nco.uk\r\n// ===END ICANN DOMAINS===\r\n");

        var list = PublicSuffixList.Parse(reader, InlineList.FileName);

        Assert.Equal(1, list.IcannRuleCount);
        Assert.Equal("bbc.co.uk", list.RegistrableDomain("bbc.co.uk"));
    }
}
