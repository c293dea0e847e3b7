using WebProxy.Policy.Connect;

namespace WebProxy.Policy.Tests.Connect;

public sealed class ConnectAuthorityParserTests
{
    [Theory]
    [InlineData("example.com:443", "example.com", 443)]
    [InlineData("EXAMPLE.com:443", "example.com", 443)]
    [InlineData("example.com.:8443", "example.com", 8443)]
    [InlineData("192.0.2.10:443", "192.0.2.10", 443)]
    [InlineData("[2001:db8::1]:443", "2001:db8::1", 443)]
    [InlineData("[2001:DB8:0::1]:443", "2001:db8::1", 443)]
    [InlineData("bücher.example:443", "xn--bcher-kva.example", 443)]
    [InlineData("_dmarc.example.com:443", "_dmarc.example.com", 443)]
    [InlineData("a.b:65535", "a.b", 65535)]
    public void A_valid_authority_is_normalised_to_lower_case_ascii_and_a_port(string authority, string host, int port)
    {
        Assert.True(ConnectAuthorityParser.TryParse(authority, out var target, out var error), error);
        Assert.Equal(new ConnectTarget(host, port), target);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("example.com", "port")]
    [InlineData("example.com:", "port")]
    [InlineData("example.com:0", "port")]
    [InlineData("example.com:65536", "port")]
    [InlineData("example.com:+443", "port")]
    [InlineData("example.com:44 3", "port")]
    [InlineData("example.com:0443x", "port")]
    [InlineData("user@example.com:443", "user information")]
    [InlineData("2001:db8::1:443", "brackets")]
    [InlineData("[example.com]:443", "brackets are only allowed")]
    [InlineData("[2001:db8::1]443", "[address]:port")]
    [InlineData("[2001:db8::zz]:443", "IPv6")]
    [InlineData("exa mple.com:443", "character")]
    [InlineData("example..com:443", "empty label")]
    [InlineData(".example.com:443", "empty label")]
    [InlineData("http://example.com:443", "brackets")]
    [InlineData("example.com/path:443", "character")]
    [InlineData("999.1.1.1:443", "IPv4")]
    [InlineData(":443", "empty")]
    public void A_malformed_authority_is_refused_with_a_reason(string authority, string reasonFragment)
    {
        Assert.False(ConnectAuthorityParser.TryParse(authority, out var target, out var error));
        Assert.Null(target);
        Assert.Contains(reasonFragment, error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_label_longer_than_63_characters_is_refused()
    {
        var authority = new string('a', 64) + ".example:443";
        Assert.False(ConnectAuthorityParser.TryParse(authority, out _, out var error));
        Assert.Contains("63", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_authority_of_an_IPv6_target_is_bracketed_again()
    {
        Assert.True(ConnectAuthorityParser.TryParse("[::1]:443", out var target, out _));
        Assert.Equal("[::1]:443", target!.Authority);
    }
}
