using System.Net;
using System.Net.Http.Json;
using System.Text;
using WebProxy.Policy.Identity;
using WebProxy.Proxy.Identity;
using WebProxy.Testing;

namespace WebProxy.Proxy.Tests.Identity;

/// <summary>Proxy authentication against the directory (RFC 9110 §11.7.1, Basic per RFC 7617), plain and CONNECT.</summary>
public sealed class ProxyAuthenticationTests : IAsyncLifetime
{
    private const string Password = "correct horse battery";

    private readonly TestCertificates _certificates = new();
    private readonly TempDirectory _files = new();
    private OriginServer _origin = null!;
    private OriginServer _tlsOrigin = null!;

    public async Task InitializeAsync()
    {
        _origin = await OriginServer.StartAsync();
        _tlsOrigin = await OriginServer.StartAsync(_certificates);
    }

    public async Task DisposeAsync()
    {
        await _origin.DisposeAsync();
        await _tlsOrigin.DisposeAsync();
        _certificates.Dispose();
        _files.Dispose();
    }

    private async Task<ProxyUnderTest> StartAsync(ProxyAuthenticationMode mode)
    {
        var directory = PersonDirectory.Create(
        [
            new Person("j.jansen", "Jan Jansen", null, new HashSet<Role> { Role.Manager }, ProtectedRole.None, PasswordHasher.Hash(Password, PasswordHasher.MinimumIterations)),
        ]);
        var file = Path.Combine(_files.Path, $"directory-{mode}.json");
        await File.WriteAllTextAsync(file, PersonDirectoryFile.Write(directory));
        return await ProxyUnderTest.StartAsync(_certificates, s =>
        {
            s.Identity.ProxyAuthentication = mode;
            s.Identity.DirectoryFile = file;
            s.Proxy.ExtraConnectPorts.Add(_tlsOrigin.Port);
        });
    }

    private static HttpClient Client(ProxyUnderTest proxy, string? user, string? password)
    {
        var webProxy = new System.Net.WebProxy(proxy.ProxyUri);
        if (user is not null)
        {
            webProxy.Credentials = new NetworkCredential(user, password);
        }

        var handler = new SocketsHttpHandler
        {
            Proxy = webProxy,
            SslOptions = new System.Net.Security.SslClientAuthenticationOptions { RemoteCertificateValidationCallback = proxy.TrustOrganisationCaOnly },
        };
        return new HttpClient(handler);
    }

    [Fact]
    public async Task When_required_a_request_without_credentials_gets_407_with_a_Basic_challenge()
    {
        await using var proxy = await StartAsync(ProxyAuthenticationMode.Required);
        await using var connection = await RawHttpConnection.OpenAsync(proxy.ProxyPort);
        await connection.SendAsync($"GET http://plain.test:{_origin.Port}/hello HTTP/1.1\r\nHost: plain.test\r\n\r\n");
        var response = await connection.ReadResponseAsync();
        Assert.Equal(407, response.Status);
        Assert.StartsWith("Basic realm=\"WebProxy\"", response.Headers["Proxy-Authenticate"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_required_valid_credentials_pass_and_never_reach_the_origin()
    {
        await using var proxy = await StartAsync(ProxyAuthenticationMode.Required);
        using var client = Client(proxy, "j.jansen", Password);
        using var response = await client.GetAsync($"http://plain.test:{_origin.Port}/headers");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = (await response.Content.ReadFromJsonAsync<Dictionary<string, string>>())!;
        Assert.False(seen.ContainsKey("Proxy-Authorization"));
    }

    [Fact]
    public async Task When_required_a_wrong_password_gets_407()
    {
        await using var proxy = await StartAsync(ProxyAuthenticationMode.Required);
        await using var connection = await RawHttpConnection.OpenAsync(proxy.ProxyPort);
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes("j.jansen:wrong"));
        await connection.SendAsync($"GET http://plain.test:{_origin.Port}/hello HTTP/1.1\r\nHost: plain.test\r\nProxy-Authorization: Basic {credentials}\r\n\r\n");
        Assert.Equal(407, (await connection.ReadResponseAsync()).Status);
    }

    [Fact]
    public async Task When_required_a_CONNECT_without_credentials_gets_407_and_with_them_the_tunnel_works()
    {
        await using var proxy = await StartAsync(ProxyAuthenticationMode.Required);
        await using (var connection = await RawHttpConnection.OpenAsync(proxy.ProxyPort))
        {
            await connection.SendAsync($"CONNECT good.test:{_tlsOrigin.Port} HTTP/1.1\r\nHost: good.test:{_tlsOrigin.Port}\r\n\r\n");
            var refused = await connection.ReadResponseAsync();
            Assert.Equal(407, refused.Status);
            Assert.True(refused.Headers.ContainsKey("Proxy-Authenticate"));
        }

        using var client = Client(proxy, "j.jansen", Password);
        Assert.Equal("hello from the origin", await client.GetStringAsync($"https://good.test:{_tlsOrigin.Port}/hello"));
    }

    [Fact]
    public async Task When_needed_anonymous_browsing_is_allowed()
    {
        await using var proxy = await StartAsync(ProxyAuthenticationMode.WhenNeeded);
        using var client = Client(proxy, null, null);
        Assert.Equal("hello from the origin", await client.GetStringAsync($"http://plain.test:{_origin.Port}/hello"));
    }
}
