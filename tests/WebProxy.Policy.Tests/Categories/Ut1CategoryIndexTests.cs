using WebProxy.Policy.Categories;
using WebProxy.Policy.Tests.Support;

namespace WebProxy.Policy.Tests.Categories;

public sealed class Ut1CategoryIndexTests(Ut1IndexFixture ut1) : IClassFixture<Ut1IndexFixture>
{
    private const string Canary = "cri.univ-tlse1.fr/tools/test_filtrage/";

    public static TheoryData<string> CategoriesWithCanary()
    {
        var data = new TheoryData<string>();
        foreach (var category in Ut1Data.Categories)
        {
            if (Ut1Data.ReadLines(category, "urls").Contains(Canary + category + "/"))
            {
                data.Add(category);
            }
        }

        return data;
    }

    [Fact]
    public void Every_selected_list_loads_with_only_fragment_urls_reported()
    {
        Assert.True(ut1.Index.DomainCount > 170_000, $"{ut1.Index.DomainCount} domains");
        Assert.True(ut1.Index.UrlCount > 1_400, $"{ut1.Index.UrlCount} urls");
        Assert.All(ut1.Report.Problems, p => Assert.Equal(ListEntryParser.FragmentReason, p.Reason));
        Assert.Contains(ut1.Report.Problems, p => p is { File: "adult/urls", Entry: "danskporn.dk/#p2" } && p.Line > 0);
    }

    [Theory]
    [MemberData(nameof(CategoriesWithCanary))]
    public void Each_category_blocks_exactly_its_own_canary_url(string category)
    {
        Assert.Equal([category], ut1.CategoriesOf($"http://{Canary}{category}/"));
        Assert.Equal([category], ut1.CategoriesOf($"http://www.{Canary}{category}/index.html"));
    }

    [Fact]
    public void The_canary_root_and_an_unknown_canary_match_nothing()
    {
        Assert.Empty(ut1.CategoriesOf("http://" + Canary));
        Assert.Empty(ut1.CategoriesOf($"http://{Canary}no_such_category/"));
    }

    [Theory]
    [InlineData("http://bet365.com/", true)]
    [InlineData("http://www.bet365.com/", true)]
    [InlineData("http://a.b.bet365.com:8080/x", true)]
    [InlineData("http://BET365.COM./", true)]
    [InlineData("http://xbet365.com/", false)]
    [InlineData("http://bet365.com.evil.test/", false)]
    [InlineData("http://com/", false)]
    public void A_domain_entry_matches_itself_and_its_subdomains_only(string url, bool gambling)
    {
        Assert.Equal(gambling, ut1.CategoriesOf(url).Contains("gambling"));
        RequestUrlNormaliser.TryNormalise(url, out var request);
        Assert.Equal(gambling, ut1.Index.CategoriesOf(ut1.Index.MatchHost(request.Host)).Contains("gambling"));
    }

    [Theory]
    [InlineData("chatroulette.com", "chat", "mixed_adult")]
    [InlineData("imo.im", "chat", "webmail")]
    [InlineData("jungefreiheit.de", "agressif", "press")]
    public void A_host_listed_in_two_categories_matches_both(string host, string first, string second)
    {
        var categories = ut1.Index.CategoriesOf(ut1.Index.MatchHost(host));
        Assert.Contains(first, categories);
        Assert.Contains(second, categories);
    }

    [Fact]
    public void Arjel_domains_mostly_overlap_gambling()
    {
        var both = ut1.Index.Domains.Enumerate()
            .Count(d => (d.Categories & (ut1.Index.MaskOf("arjel") | ut1.Index.MaskOf("gambling"))) == (ut1.Index.MaskOf("arjel") | ut1.Index.MaskOf("gambling")));
        Assert.Equal(57, both);
    }

    [Theory]
    [InlineData("http://chrishemple.co.uk/proxy", true)]
    [InlineData("http://chrishemple.co.uk/proxyzzz", true)]
    [InlineData("http://www2.chrishemple.co.uk:8080/proxy/a", true)]
    [InlineData("http://chrishemple.co.uk/%70roxy", true)]
    [InlineData("http://chrishemple.co.uk//proxy", true)]
    [InlineData("http://chrishemple.co.uk/other", false)]
    public void Url_entries_are_plain_string_prefixes_as_in_squidguard(string url, bool redirector)
    {
        // UT1 also lists chrishemple.co.uk as a redirector domain, so test the url entry on its own.
        var builder = new CategoryIndexBuilder();
        builder.AddLine("redirector", ListKind.Urls, "chrishemple.co.uk/proxy", "redirector/urls", 1);
        Assert.True(RequestUrlNormaliser.TryNormalise(url, out var request));
        Assert.Equal(redirector, builder.Build().MatchUrl(request) != 0);
        Assert.Contains("redirector", ut1.CategoriesOf(url));
    }

    [Fact]
    public void An_ip_literal_matches_only_the_identical_entry()
    {
        var address = ut1.Index.Domains.Enumerate().First(d => UrlText.IsIPv4Literal(d.Domain)).Domain;
        Assert.NotEqual(0UL, ut1.Index.MatchHost(address));
        Assert.Equal(0UL, ut1.Index.MatchHost("1." + address));
    }

    [Fact]
    public void Every_odd_entry_parses_without_crashing_and_its_decision_holds()
    {
        using var reader = Ut1Data.OpenText(Ut1Data.OddEntriesPath);
        Assert.Equal("file\tline\tentry\tissues", reader.ReadLine());
        var rows = 0;
        while (reader.ReadLine() is { } row)
        {
            rows++;
            var columns = row.Split('\t');
            var (file, entryText, issues) = (columns[0], columns[2], columns[3].Split(';'));
            var kind = file.EndsWith("/domains", StringComparison.Ordinal) ? ListKind.Domains : ListKind.Urls;
            var outcome = ListEntryParser.Parse(kind, entryText, out var entry, out var problem);
            var builder = new CategoryIndexBuilder();
            builder.AddLine("odd", kind, entryText, file, int.Parse(columns[1], System.Globalization.CultureInfo.InvariantCulture));
            var index = builder.Build();

            if (issues.Any(i => i.StartsWith("fragment-#", StringComparison.Ordinal)))
            {
                // Never sent on the wire, so never matchable: reported, not loaded.
                Assert.True(outcome == ParseOutcome.Problem && problem == ListEntryParser.FragmentReason, entryText);
                Assert.Equal(1, builder.Report.ProblemCount);
                Assert.Equal(file, builder.Report.Problems[0].File);
                continue;
            }

            foreach (var issue in issues)
            {
                var because = $"{file}:{columns[1]} {entryText} ({issue})";
                switch (issue)
                {
                    case "leading-dot":
                        Assert.True(outcome == ParseOutcome.Entry && entry.Host == entryText[1..], because);
                        Assert.NotEqual(0UL, index.MatchHost("www." + entryText[1..]));
                        break;
                    case "starts-with-www-but-no-dot":
                        // Not a www label: kept as written, matches itself.
                        Assert.True(outcome == ParseOutcome.Entry && entry.Host == entryText, because);
                        Assert.NotEqual(0UL, index.MatchHost(entryText));
                        break;
                    case var w when w.StartsWith("www<N>-prefix", StringComparison.Ordinal) && kind == ListKind.Domains:
                        // Domain entries keep their wwwN label: the entry blocks that host, not its parent domain.
                        Assert.True(outcome == ParseOutcome.Entry && entry.Host == entryText, because);
                        Assert.NotEqual(0UL, index.MatchHost(entryText));
                        Assert.Equal(0UL, index.MatchHost(UrlText.StripWwwLabel(entryText).ToString()));
                        break;
                    case "label-starts-with-underscore":
                    case "label-starts/ends-with-hyphen":
                        Assert.True(outcome == ParseOutcome.Entry, because);
                        Assert.NotEqual(0UL, index.MatchHost("a." + entryText));
                        break;
                    case var u when u.StartsWith("uppercase", StringComparison.Ordinal) && outcome == ParseOutcome.Entry:
                        Assert.False(entry.Path.Any(char.IsAsciiLetterUpper), because);
                        Assert.NotEqual(0UL, index.MatchUrl(entry.Host, entryText[entryText.IndexOf('/', StringComparison.Ordinal)..]));
                        break;
                    case "empty-path-segment //" when outcome == ParseOutcome.Entry:
                        Assert.DoesNotContain("//", entry.Path.Split('?')[0], StringComparison.Ordinal);
                        Assert.NotEqual(0UL, index.MatchUrl(entry.Host, entryText[entryText.IndexOf('/', StringComparison.Ordinal)..]));
                        break;
                    default:
                        // Every other kind (trailing ?, brackets, percent escapes, colons, IPv4/number paths, dots):
                        // the entry loads and matches a request for exactly what it says.
                        Assert.True(outcome == ParseOutcome.Entry, because + ": " + problem);
                        if (kind == ListKind.Urls)
                        {
                            var slash = entryText.IndexOf('/', StringComparison.Ordinal);
                            Assert.True(RequestUrlNormaliser.TryNormalise("http://" + entryText, out var request), because);
                            Assert.NotEqual(0UL, index.MatchUrl(request));
                            Assert.True(slash > 0, because);
                        }

                        break;
                }
            }
        }

        Assert.Equal(603, rows);
    }
}
