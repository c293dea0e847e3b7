using WebProxy.Policy.Categories;

namespace WebProxy.Policy.Tests.Categories;

public sealed class RequestUrlNormaliserTests
{
    [Theory]
    [InlineData("http://WWW.Example.COM/A?b#frag", "www.example.com", 0, "/A?b")]
    [InlineData("http://user:pw@example.com:8080/x", "example.com", 8080, "/x")]
    [InlineData("http://example.com:80/x", "example.com", 0, "/x")]
    [InlineData("https://example.com:443", "example.com", 0, "/")]
    [InlineData("http://example.com./x", "example.com", 0, "/x")]
    [InlineData("http://münchen.de/", "xn--mnchen-3ya.de", 0, "/")]
    [InlineData("http://3232235777/", "192.168.1.1", 0, "/")]
    [InlineData("http://010.1.1.1/", "8.1.1.1", 0, "/")]
    [InlineData("http://[::1]:8080/", "::1", 8080, "/")]
    public void Absolute_urls_are_normalised(string url, string host, int port, string path)
    {
        Assert.True(RequestUrlNormaliser.TryNormalise(url, out var request));
        Assert.Equal(new CategoryRequest(host, port, path), request);
        Assert.True(RequestUrlNormaliser.TryNormalise(new Uri(url), out var fromUri));
        Assert.Equal(request.Host, fromUri.Host);
        Assert.Equal(request.Port, fromUri.Port);
    }

    [Theory]
    [InlineData("example.com/x")]
    [InlineData("http://exa mple.com/")]
    [InlineData("http://example.com:99999/")]
    public void Unusable_urls_are_refused(string url)
    {
        Assert.False(RequestUrlNormaliser.TryNormalise(url, out _));
    }

    [Theory]
    [InlineData("/A//b/%70roxy?Q=//X", "/a/b/proxy?q=//x")]
    [InlineData("", "/")]
    [InlineData("/%2F%2fx", "/x")]
    [InlineData("/%zz%4", "/%zz%4")]
    public void Paths_are_decoded_lower_cased_and_collapsed_like_squidguard(string path, string expected)
    {
        Assert.Equal(expected, UrlText.NormalisePath(path));
    }

    [Theory]
    [InlineData("www.foo.com", "foo.com")]
    [InlineData("www3.foo.com", "foo.com")]
    [InlineData("web.foo.com", "foo.com")]
    [InlineData("ftp12.foo.com", "foo.com")]
    [InlineData("wwwfoo.com", "wwwfoo.com")]
    [InlineData("www-minecraft.ru", "www-minecraft.ru")]
    [InlineData("wwww.cbox.ws", "wwww.cbox.ws")]
    public void Only_a_whole_www_web_ftp_label_is_stripped(string host, string expected)
    {
        Assert.Equal(expected, UrlText.StripWwwLabel(host).ToString());
    }
}
