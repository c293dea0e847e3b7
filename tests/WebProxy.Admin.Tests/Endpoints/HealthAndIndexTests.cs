using System.Net;

namespace WebProxy.Admin.Tests.Endpoints;

public sealed class HealthAndIndexTests
{
    [Fact]
    public async Task Healthz_answers_ok()
    {
        await using var host = await AdminHost.StartAsync();

        using var response = await host.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_index_page_links_every_admin_endpoint()
    {
        await using var host = await AdminHost.StartAsync();

        using var response = await host.Client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        foreach (var path in new[] { "/proxy.pac", "/wpad.dat", "/ca.pem", "/ca.crt", "/healthz", "/metrics" })
        {
            Assert.Contains($"href=\"{path}\"", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Responses_forbid_content_sniffing()
    {
        await using var host = await AdminHost.StartAsync();

        using var response = await host.Client.GetAsync("/proxy.pac");

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }
}
