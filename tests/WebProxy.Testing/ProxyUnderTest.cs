using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using WebProxy.Host.Configuration;
using WebProxy.Host.Hosting;

namespace WebProxy.Testing;

/// <summary>
/// The real proxy, started in-process on loopback ports chosen by the OS, with its data folder in a temp
/// directory and the test host names (good.test, expired.test, ...) pinned to 127.0.0.1.
/// </summary>
public sealed class ProxyUnderTest : IAsyncDisposable
{
    public static readonly string[] TestHosts = ["good.test", "expired.test", "wrong.test", "untrusted.test", "selfsigned.test", "plain.test", "refused.test"];

    private readonly TempDirectory _data;

    private ProxyUnderTest(WebProxyServer server, TempDirectory data, WebProxySettings settings)
    {
        Server = server;
        _data = data;
        Settings = settings;
    }

    public WebProxyServer Server { get; }

    public WebProxySettings Settings { get; }

    public string DataDirectory => _data.Path;

    public Uri ProxyUri => new($"http://127.0.0.1:{Server.ProxyEndPoint.Port}");

    public Uri AdminUri => new($"http://127.0.0.1:{Server.AdminEndPoint.Port}");

    public int ProxyPort => Server.ProxyEndPoint.Port;

    /// <summary>Starts a proxy; <paramref name="configure"/> adjusts the settings before start.</summary>
    public static async Task<ProxyUnderTest> StartAsync(TestCertificates? certificates = null, Action<WebProxySettings>? configure = null, TimeProvider? timeProvider = null)
    {
        var data = new TempDirectory();
        var settings = new WebProxySettings { DataDirectory = data.Path };
        settings.Proxy.Port = 0;
        settings.Admin.Port = 0;

        // The engine's tests look inside every tunnel and move bodies of any size; tests of the rules opt in.
        settings.Policy.InterceptionMode = WebProxy.Policy.Rules.InterceptionMode.All;
        settings.Policy.DownloadLimitBytes = null;
        settings.Policy.UploadLimitBytes = null;
        foreach (var host in TestHosts)
        {
            settings.Proxy.Hosts[host] = "127.0.0.1";
        }

        if (certificates is not null)
        {
            settings.Proxy.UpstreamExtraCaFile = certificates.WriteRootPem(data.Path);
        }

        configure?.Invoke(settings);
        try
        {
            var server = await WebProxyServer.StartAsync(settings, timeProvider ?? TimeProvider.System, logging => logging.SetMinimumLevel(LogLevel.Warning)).ConfigureAwait(false);
            return new ProxyUnderTest(server, data, settings);
        }
        catch
        {
            data.Dispose();
            throw;
        }
    }

    /// <summary>An HTTP client that uses the proxy and trusts only the organisation CA for HTTPS.</summary>
    public HttpClient CreateClient(Version? version = null, bool allowHttp2 = true)
    {
        var handler = new SocketsHttpHandler
        {
            Proxy = new System.Net.WebProxy(ProxyUri),
            UseProxy = true,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = TrustOrganisationCaOnly },
        };
        var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        if (version is not null)
        {
            client.DefaultRequestVersion = version;
            client.DefaultVersionPolicy = allowHttp2 ? HttpVersionPolicy.RequestVersionOrLower : HttpVersionPolicy.RequestVersionExact;
        }

        return client;
    }

    /// <summary>Accepts a server certificate only when it chains to this proxy's organisation CA.</summary>
    public bool TrustOrganisationCaOnly(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.Add(Server.CertificateAuthority.Certificate);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return custom.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync().ConfigureAwait(false);
        _data.Dispose();
    }
}
