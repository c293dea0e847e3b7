using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using WebProxy.Host.Configuration;
using WebProxy.Host.Hosting;
using WebProxy.Testing;

namespace WebProxy.EndToEnd.Tests;

/// <summary>
/// The admin port over TLS (<c>Admin.Https</c>), where people sign in and read personal data: with the organisation
/// CA's own certificate — which workstations trust already — for the configured names only, or with the operator's
/// PEM pair; plain HTTP on that port gets nowhere, and the session cookie is marked Secure.
/// </summary>
public sealed class AdminHttpsTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();

    private string DataDirectory => Path.Combine(_data.Path, "data");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _data.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_organisation_CA_certificate_is_trusted_by_a_workstation_and_named_only_for_the_configured_names()
    {
        await using var server = await StartAsync(admin =>
        {
            admin.Https = AdminHttpsMode.OrganisationCa;
            admin.HttpsHostNames = ["proxy.gemeente.test", "localhost"];
        });
        var port = server.AdminEndPoint.Port;
        var ca = server.CertificateAuthority.Certificate;

        // A workstation that trusts the organisation CA (as it must for interception) reaches the page by name.
        using var client = TrustingOnly(ca);
        using var health = await client.GetAsync($"https://localhost:{port}/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        // The name asked for when it is configured; the first configured name for anything else — the CA does not
        // sign a name because a client sent it.
        Assert.Equal(["localhost"], await DnsNamesAsync(port, "localhost"));
        Assert.Equal(["proxy.gemeente.test"], await DnsNamesAsync(port, "evil.example"));

        // Plain HTTP on the TLS port gets no page.
        using var plain = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };
        await Assert.ThrowsAsync<HttpRequestException>(() => plain.GetAsync($"http://127.0.0.1:{port}/healthz"));
    }

    [Fact]
    public async Task The_session_cookie_is_secure_over_TLS()
    {
        TestOrganisation.WriteTo(DataDirectory);
        await using var server = await StartAsync(admin => admin.Https = AdminHttpsMode.OrganisationCa);
        using var client = TrustingOnly(server.CertificateAuthority.Certificate);
        var origin = $"https://localhost:{server.AdminEndPoint.Port}";
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["user"] = TestOrganisation.Researcher, ["password"] = TestOrganisation.Password });
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{origin}/login") { Content = form };
        request.Headers.Add("Origin", origin);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_operators_own_certificate_is_served_when_configured()
    {
        var (certificatePath, keyPath, own) = WriteOwnCertificate();
        await using var server = await StartAsync(admin =>
        {
            admin.Https = AdminHttpsMode.Certificate;
            admin.HttpsCertificatePemPath = certificatePath;
            admin.HttpsPrivateKeyPemPath = keyPath;
        });

        using var served = await ServedCertificateAsync(server.AdminEndPoint.Port, "localhost");

        Assert.Equal(own.Thumbprint, served.Thumbprint);
    }

    [Fact]
    public async Task A_key_that_does_not_fit_the_certificate_stops_the_start_naming_the_setting()
    {
        var (certificatePath, _, _) = WriteOwnCertificate();
        var (_, otherKeyPath, _) = WriteOwnCertificate("other");

        var error = await Assert.ThrowsAsync<ConfigurationException>(() => StartAsync(admin =>
        {
            admin.Https = AdminHttpsMode.Certificate;
            admin.HttpsCertificatePemPath = certificatePath;
            admin.HttpsPrivateKeyPemPath = otherKeyPath;
        }));

        Assert.StartsWith("Admin.HttpsCertificatePemPath:", error.Message, StringComparison.Ordinal);
    }

    private Task<WebProxyServer> StartAsync(Action<AdminSettings> configure)
    {
        var settings = new WebProxySettings { DataDirectory = DataDirectory };
        settings.Proxy.Port = 0;
        settings.Admin.Port = 0;
        configure(settings.Admin);
        return WebProxyServer.StartAsync(settings, TimeProvider.System, logging => logging.SetMinimumLevel(LogLevel.Warning));
    }

    /// <summary>A client whose only trusted root is <paramref name="root"/>: the system store does not help it.</summary>
    private static HttpClient TrustingOnly(X509Certificate2 root) => new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        UseCookies = false,
        SslOptions = new SslClientAuthenticationOptions
        {
            CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                CustomTrustStore = { root },
                RevocationMode = X509RevocationMode.NoCheck,
            },
        },
    })
    { Timeout = TimeSpan.FromSeconds(10) };

    private static async Task<string[]> DnsNamesAsync(int port, string serverName)
    {
        using var certificate = await ServedCertificateAsync(port, serverName);
        return [.. certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames()];
    }

    /// <summary>The certificate the admin port presents to a client asking for <paramref name="serverName"/> (not validated).</summary>
    private static async Task<X509Certificate2> ServedCertificateAsync(int port, string serverName)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync(serverName);
        return new X509Certificate2(tls.RemoteCertificate!);
    }

    private (string CertificatePath, string KeyPath, X509Certificate2 Certificate) WriteOwnCertificate(string name = "own")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var certificatePath = Path.Combine(_data.Path, $"{name}.crt.pem");
        var keyPath = Path.Combine(_data.Path, $"{name}.key.pem");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath, certificate);
    }
}
