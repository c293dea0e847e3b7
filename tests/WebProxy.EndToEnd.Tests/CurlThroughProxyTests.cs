using WebProxy.EndToEnd.Tests.Support;

namespace WebProxy.EndToEnd.Tests;

/// <summary>
/// The real curl through the real proxy process, as a workstation uses it: plain HTTP, keep-alive, and HTTPS
/// intercepted with a certificate from the organisation CA that <c>webproxy ca export</c> wrote.
/// </summary>
public sealed class CurlThroughProxyTests : IClassFixture<InterceptingProxyFixture>
{
    private readonly InterceptingProxyFixture _fixture;

    public CurlThroughProxyTests(InterceptingProxyFixture fixture)
    {
        _fixture = fixture;
    }

    private string ProxyUrl => _fixture.Proxy.ProxyUrl;

    [Fact]
    public async Task Plain_HTTP_is_forwarded_to_the_origin()
    {
        var result = await Curl.RunAsync(["-x", ProxyUrl, _fixture.PlainUrl("/hello")]);

        Assert.True(result.ExitCode == 0 && result.Status == 200, result.Describe());
        Assert.Equal("hello from the origin", result.Body);
    }

    [Fact]
    public async Task Two_plain_requests_in_one_curl_invocation_reuse_one_connection_to_the_proxy()
    {
        var result = await Curl.RunRawAsync(["-v", "-x", ProxyUrl, _fixture.PlainUrl("/hello"), _fixture.PlainUrl("/kib")]);

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("Re-using existing connection", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(1, Occurrences(result.StandardError, "* Connected to "));
        Assert.Equal("hello from the origin" + new string('x', 1024), result.StandardOutput);
    }

    [Fact]
    public async Task Two_HTTPS_requests_in_one_curl_invocation_share_one_intercepted_tunnel()
    {
        var result = await Curl.RunRawAsync(["-v", "--cacert", _fixture.OrganisationCaPath, "-x", ProxyUrl, _fixture.TlsUrl("good.test", "/hello"), _fixture.TlsUrl("good.test", "/kib")]);

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("Re-using existing connection", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(1, Occurrences(result.StandardError, "< HTTP/1.1 200 Connection established"));
        Assert.Equal("hello from the origin" + new string('x', 1024), result.StandardOutput);
    }

    [Fact]
    public async Task HTTPS_is_intercepted_with_a_certificate_curl_verifies_against_the_exported_CA()
    {
        var result = await Curl.RunAsync(["-v", "--cacert", _fixture.OrganisationCaPath, "-x", ProxyUrl, _fixture.TlsUrl("good.test", "/hello")]);

        Assert.True(result.ExitCode == 0 && result.Status == 200, result.Describe());
        Assert.Equal("hello from the origin", result.Body);
        Assert.Contains("SSL certificate verify ok", result.Trace, StringComparison.Ordinal);
        var issuer = IssuerLine(result);
        Assert.Contains(ProxyProcess.CaCommonName, issuer, StringComparison.Ordinal);
        Assert.DoesNotContain("Test Origin Root", issuer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Curl_negotiates_HTTP2_inside_the_intercepted_tunnel()
    {
        var result = await Curl.RunAsync(["--http2", "--cacert", _fixture.OrganisationCaPath, "-x", ProxyUrl, _fixture.TlsUrl("good.test", "/protocol")]);

        Assert.True(result.ExitCode == 0 && result.Status == 200, result.Describe());
        Assert.Equal("2", result.HttpVersion);
        Assert.Equal("HTTP/2", result.Body);
    }

    [Fact]
    public async Task Curl_gets_HTTP11_inside_the_tunnel_when_it_asks_for_it()
    {
        var result = await Curl.RunAsync(["--http1.1", "--cacert", _fixture.OrganisationCaPath, "-x", ProxyUrl, _fixture.TlsUrl("good.test", "/hello")]);

        Assert.True(result.ExitCode == 0 && result.Status == 200, result.Describe());
        Assert.Equal("1.1", result.HttpVersion);
    }

    [Fact]
    public async Task An_origin_with_an_expired_certificate_gets_502_with_a_page_that_says_expired()
    {
        var result = await Curl.RunAsync(["--cacert", _fixture.OrganisationCaPath, "-x", ProxyUrl, _fixture.TlsUrl("expired.test", "/hello")]);

        Assert.True(result.ExitCode == 0 && result.Status == 502, result.Describe());
        Assert.Contains("expired", result.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("hello from the origin", result.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_workstation_that_does_not_trust_the_organisation_CA_refuses_the_intercepted_certificate()
    {
        var result = await Curl.RunAsync(["-x", ProxyUrl, _fixture.TlsUrl("good.test", "/hello")]);

        // curl exit code 60: the peer certificate cannot be authenticated with the known CA certificates.
        Assert.True(result.ExitCode == 60, result.Describe());
        Assert.Empty(result.Body);
    }

    [Fact]
    public async Task A_CONNECT_to_a_port_outside_the_allow_list_is_refused_with_403()
    {
        var result = await Curl.RunAsync(["-v", "--cacert", _fixture.OrganisationCaPath, "-x", ProxyUrl, "https://good.test:22/"]);

        // curl exit code 56: the proxy answered the CONNECT with an error.
        Assert.True(result.ExitCode == 56, result.Describe());
        Assert.Contains("< HTTP/1.1 403", result.Trace, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_exported_CA_is_the_one_the_admin_port_hands_to_workstations()
    {
        var exported = await File.ReadAllTextAsync(_fixture.OrganisationCaPath);

        var served = await _fixture.Proxy.GetAdminTextAsync("/ca.pem");

        Assert.Equal(exported, served);
    }

    private static string IssuerLine(CurlResult result)
    {
        var lines = result.Trace.Split('\n').Where(line => line.Contains("issuer:", StringComparison.Ordinal)).ToArray();
        Assert.True(lines.Length == 1, $"Expected one issuer line in curl -v output.\n{result.Describe()}");
        return lines[0];
    }

    private static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
