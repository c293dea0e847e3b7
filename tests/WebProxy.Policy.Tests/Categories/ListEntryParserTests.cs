using WebProxy.Policy.Categories;

namespace WebProxy.Policy.Tests.Categories;

public sealed class ListEntryParserTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("# a comment")]
    [InlineData("\r")]
    public void Blank_and_comment_lines_are_skipped(string line)
    {
        Assert.Equal(ParseOutcome.Skipped, ListEntryParser.Parse(ListKind.Domains, line, out _, out _));
    }

    [Theory]
    [InlineData("Bet365.COM\r", "bet365.com", false)]
    [InlineData("+bet365.com", "bet365.com", false)]
    [InlineData("-bet365.com", "bet365.com", true)]
    [InlineData("bet365.com http://redirect.example/", "bet365.com", false)]
    [InlineData(".afshin.ir", "afshin.ir", false)]
    [InlineData("example.com.", "example.com", false)]
    [InlineData("wwwcasinodirectory.com", "wwwcasinodirectory.com", false)]
    [InlineData("www61baywin.com", "www61baywin.com", false)]
    [InlineData("wwww.cbox.ws", "wwww.cbox.ws", false)]
    [InlineData("www3.pokerroom.com", "www3.pokerroom.com", false)]
    [InlineData("_video-bagarre.com", "_video-bagarre.com", false)]
    [InlineData("w-w-i-s-.com", "w-w-i-s-.com", false)]
    [InlineData("münchen.de", "xn--mnchen-3ya.de", false)]
    [InlineData("1.2.3.4", "1.2.3.4", false)]
    public void Domain_lines_become_normalised_names(string line, string expected, bool removal)
    {
        Assert.Equal(ParseOutcome.Entry, ListEntryParser.Parse(ListKind.Domains, line, out var entry, out var problem));
        Assert.Null(problem);
        Assert.Equal(new ListEntry(ListKind.Domains, expected, string.Empty, removal), entry);
    }

    [Theory]
    [InlineData("a..b.com")]
    [InlineData("exa!mple")]
    [InlineData("foo.com/path")]
    [InlineData("foo.com:8080")]
    [InlineData("256.1.1.1")]
    [InlineData("-")]
    public void Malformed_domain_lines_are_problems_with_a_reason(string line)
    {
        Assert.Equal(ParseOutcome.Problem, ListEntryParser.Parse(ListKind.Domains, line, out _, out var problem));
        Assert.False(string.IsNullOrEmpty(problem));
    }

    [Theory]
    [InlineData("chrishemple.co.uk/proxy", "chrishemple.co.uk", "/proxy")]
    [InlineData("www.example.com/a", "example.com", "/a")]
    [InlineData("www2.example.com/a", "example.com", "/a")]
    [InlineData("wwwexample.com/a", "wwwexample.com", "/a")]
    [InlineData("AdultStuffOnly.com/Browse", "adultstuffonly.com", "/browse")]
    [InlineData("user@example.com:8080/a", "example.com", "/a")]
    [InlineData("gosexy.it/index.php?", "gosexy.it", "/index.php?")]
    [InlineData("onproxyangelo.cf//", "onproxyangelo.cf", "/")]
    [InlineData("337726.com/%40%40x", "337726.com", "/@@x")]
    [InlineData("216.239.35.119/[st_rn=if]/topics_if.xp", "216.239.35.119", "/[st_rn=if]/topics_if.xp")]
    [InlineData("example.com", "example.com", "")]
    public void Url_lines_become_a_stripped_host_and_a_normalised_path_prefix(string line, string host, string path)
    {
        Assert.Equal(ParseOutcome.Entry, ListEntryParser.Parse(ListKind.Urls, line, out var entry, out var problem));
        Assert.Null(problem);
        Assert.Equal(new ListEntry(ListKind.Urls, host, path, false), entry);
    }

    [Theory]
    [InlineData("danskporn.dk/#p2")]
    [InlineData("planhomo.com/#")]
    public void Url_lines_with_a_fragment_are_reported_as_never_matching(string line)
    {
        Assert.Equal(ParseOutcome.Problem, ListEntryParser.Parse(ListKind.Urls, line, out _, out var problem));
        Assert.Equal(ListEntryParser.FragmentReason, problem);
    }

    [Fact]
    public void An_expression_keeps_its_whole_line_and_a_bad_one_is_a_problem()
    {
        Assert.Equal(ParseOutcome.Entry, ListEntryParser.Parse(ListKind.Expressions, "(a b|c)\\W", out var entry, out _));
        Assert.Equal("(a b|c)\\W", entry.Path);
        Assert.Equal(ParseOutcome.Problem, ListEntryParser.Parse(ListKind.Expressions, "(unclosed", out _, out var problem));
        Assert.Contains("regular expression", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[-\\?+=/_]x", "\\x", true)]
    [InlineData("[-\\?+=/_]x", "?x", true)]
    [InlineData("[[:digit:]]+porn", "12porn", true)]
    [InlineData("\\<sex\\>", "a-sex-b", true)]
    [InlineData("\\<sex\\>", "sussex", false)]
    [InlineData("PORN", "porn", true)]
    public void Posix_syntax_keeps_its_posix_meaning(string ere, string input, bool matches)
    {
        Assert.True(PosixRegex.TryCompile(ere, out var regex, out var error), error);
        Assert.Equal(matches, regex!.IsMatch(input));
    }

    [Fact]
    public void Perl_only_syntax_is_refused()
    {
        Assert.False(PosixRegex.TryCompile("(?i)x", out _, out _));
    }
}
