using System.Text;
using WebProxy.Statistics.Sites;
using WebProxy.Statistics.Tests.Support;

namespace WebProxy.Statistics.Tests.Sites;

/// <summary>What is not a list fails with the file, the line and the reason, never as half a list.</summary>
public sealed class PublicSuffixListParseErrorTests
{
    [Theory]
    [InlineData("")]
    [InlineData("\n\n   \n\t\n")]
    public void An_empty_file_is_refused(string text)
    {
        var error = InlineList.Error(text);

        Assert.Equal(InlineList.FileName, error.FileName);
        Assert.Equal(0, error.Line);
        Assert.Equal("the file is empty", error.Reason);
        Assert.Equal("inline.dat: the file is empty", error.Message);
    }

    [Fact]
    public void A_file_with_only_comments_is_refused()
    {
        var error = InlineList.Error("// ===BEGIN ICANN DOMAINS===", "// nothing here", "// ===END ICANN DOMAINS===");

        Assert.Equal(0, error.Line);
        Assert.Contains("no rules", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_binary_file_is_refused_at_the_first_line_that_is_not_text()
    {
        byte[] bytes = [.. "com\nnet\n"u8, 0x50, 0x4B, 0x03, 0x04, 0x00, 0xFF, 0xFE, (byte)'\n'];
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8);

        var error = Assert.Throws<PublicSuffixListException>(() => PublicSuffixList.Parse(reader, "download.dat"));

        Assert.Equal(3, error.Line);
        Assert.Equal("download.dat, line 3: the file is not UTF-8 text (control characters or invalid bytes)", error.Message);
    }

    [Theory]
    [InlineData("a..b", "empty label")]
    [InlineData(".com", "empty label")]
    [InlineData("com.", "empty label")]
    [InlineData("*.*.x", "wildcard is allowed only as the whole leftmost label")]
    [InlineData("a.*.b", "wildcard is allowed only as the whole leftmost label")]
    [InlineData("*x.com", "wildcard is allowed only as the whole leftmost label")]
    [InlineData("*", "wildcard is allowed only as the whole leftmost label")]
    [InlineData("*.", "names no domain")]
    [InlineData("!", "names no domain")]
    [InlineData("!*.ck", "exception rule cannot contain a wildcard")]
    [InlineData("!!www.ck", "'!' is allowed only at the start")]
    [InlineData("!ck", "at least two labels")]
    [InlineData("<!DOCTYPE", "'!' is allowed only at the start")]
    [InlineData("<html>", "the character '<'")]
    [InlineData("{\"rules\":", "the character '{'")]
    [InlineData("exa_mple.com", "the character '_'")]
    [InlineData("#comment", "the character '#'")]
    [InlineData("üüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüü.de", "not a valid internationalised domain name")]
    public void A_malformed_rule_is_refused_with_its_line_and_reason(string rule, string reason)
    {
        var error = InlineList.Error("// a comment", "com", rule, "net");

        Assert.Equal(3, error.Line);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.StartsWith($"inline.dat, line 3: '{rule}' is not a rule: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_label_longer_than_63_characters_is_refused()
    {
        var error = InlineList.Error("com", new string('a', 64) + ".com");

        Assert.Equal(2, error.Line);
        Assert.Contains("longer than 63", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_very_long_token_is_cut_in_the_message()
    {
        var error = InlineList.Error(new string('<', 500));

        Assert.True(error.Message.Length < 200, error.Message);
    }

    [Fact]
    public void A_section_that_ends_without_beginning_is_refused()
    {
        var error = InlineList.Error("com", "// ===END ICANN DOMAINS===");

        Assert.Equal(2, error.Line);
        Assert.Equal("the ICANN section ends here but never began", error.Reason);
    }

    [Fact]
    public void A_section_that_begins_inside_another_is_refused()
    {
        var error = InlineList.Error("// ===BEGIN ICANN DOMAINS===", "com", "// ===BEGIN PRIVATE DOMAINS===", "github.io");

        Assert.Equal(3, error.Line);
        Assert.Equal("the PRIVATE section begins inside the ICANN section begun on line 1", error.Reason);
    }

    [Fact]
    public void A_section_that_never_ends_is_refused_at_its_beginning_as_a_cut_off_file()
    {
        var error = InlineList.Error(
            "// ===BEGIN ICANN DOMAINS===", "com", "// ===END ICANN DOMAINS===", "// ===BEGIN PRIVATE DOMAINS===", "github.io");

        Assert.Equal(4, error.Line);
        Assert.Equal("the PRIVATE section begun here never ends: the file was probably cut off", error.Reason);
    }

    [Fact]
    public void Other_comments_that_look_like_markers_are_only_comments()
    {
        var list = InlineList.Parse("// ===SOMETHING ELSE===", "com");

        Assert.Equal(1, list.RuleCount);
    }
}
