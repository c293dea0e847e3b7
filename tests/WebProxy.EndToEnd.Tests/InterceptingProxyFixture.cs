using WebProxy.EndToEnd.Tests.Support;
using WebProxy.Testing;

namespace WebProxy.EndToEnd.Tests;

/// <summary>
/// One intercepting proxy process shared by a test class, with a plain and a TLS origin in this process, and the
/// organisation CA exported with <c>webproxy ca export</c> as an administrator would hand it to workstations.
/// </summary>
public sealed class InterceptingProxyFixture : IAsyncLifetime
{
    public TestCertificates Certificates { get; } = new();

    public OriginServer PlainOrigin { get; private set; } = null!;

    public OriginServer TlsOrigin { get; private set; } = null!;

    /// <summary>The organisation CA certificate written by <c>webproxy ca export</c>.</summary>
    public string OrganisationCaPath { get; private set; } = null!;

    internal ProxyProcess Proxy { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        PlainOrigin = await OriginServer.StartAsync();
        TlsOrigin = await OriginServer.StartAsync(Certificates);
        Proxy = await ProxyProcess.StartAsync(Certificates, [TlsOrigin.Port]);
        OrganisationCaPath = await Proxy.ExportCaAsync();
    }

    public async Task DisposeAsync()
    {
        if (Proxy is not null)
        {
            await Proxy.DisposeAsync();
        }

        if (TlsOrigin is not null)
        {
            await TlsOrigin.DisposeAsync();
        }

        if (PlainOrigin is not null)
        {
            await PlainOrigin.DisposeAsync();
        }

        Certificates.Dispose();
    }

    public string PlainUrl(string path) => $"http://plain.test:{PlainOrigin.Port}{path}";

    public string TlsUrl(string host, string path) => $"https://{host}:{TlsOrigin.Port}{path}";
}
