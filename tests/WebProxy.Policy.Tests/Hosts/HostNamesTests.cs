using WebProxy.Policy.Hosts;

namespace WebProxy.Policy.Tests.Hosts;

public sealed class HostNamesTests
{
    [Theory]
    [InlineData("WWW.Example.COM", "www.example.com")]
    [InlineData("example.com.", "example.com")]
    [InlineData("münchen.de", "xn--mnchen-3ya.de")]
    [InlineData("xn--mnchen-3ya.de", "xn--mnchen-3ya.de")]
    // Leading zeros are octal, as inet_aton and the WHATWG URL standard read them: this is the address connected to.
    [InlineData("010.1.1.1", "8.1.1.1")]
    [InlineData("::FFFF:127.0.0.1", "::ffff:127.0.0.1")]
    [InlineData("localhost", "localhost")]
    public void Hosts_are_normalised_to_one_spelling(string host, string expected)
    {
        Assert.True(HostNames.TryNormalise(host, out var normalised, out var error), error);
        Assert.Equal(expected, normalised);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("exa_mple com")]
    [InlineData("a..b")]
    [InlineData("1.2.3.4.5")]
    [InlineData("256.0.0.1")]
    [InlineData("host:name")]
    public void Unusable_hosts_are_refused(string host)
    {
        Assert.False(HostNames.TryNormalise(host, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void A_name_longer_than_253_characters_is_refused()
    {
        var name = string.Join('.', Enumerable.Repeat(new string('a', 50), 6));
        Assert.False(HostNames.TryNormalise(name, out _, out var error));
        Assert.Contains("253", error, StringComparison.Ordinal);
    }
}
