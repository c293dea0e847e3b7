using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WebProxy.Testing;

namespace WebProxy.EndToEnd.Tests.Support;

/// <summary>
/// A real Kestrel TLS origin that plays the sites of the category sample lists (adult-sample.invalid,
/// casino-sample.invalid, and a neutral name): its certificate names them and is issued by the test origin root, which the proxy trusts
/// through <c>Proxy.UpstreamExtraCaFile</c>. <see cref="OriginServer"/> presents good.test's certificate for
/// unknown names, which the proxy rightly refuses for these names. Same answers: <c>/hello</c> and <c>/bytes/{n}</c>.
/// </summary>
internal sealed class SampleSiteOrigin : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;

    private SampleSiteOrigin(WebApplication app, X509Certificate2 certificate)
    {
        _app = app;
        _certificate = certificate;
    }

    public int Port { get; private set; }

    public static async Task<SampleSiteOrigin> StartAsync(TestCertificates certificates, IReadOnlyList<string> hostNames)
    {
        var certificate = Issue(certificates.Root, hostNames);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            listen.UseHttps(certificate);
        }));
        var app = builder.Build();
        app.MapGet("/hello", () => Results.Text("hello from the origin", "text/plain"));
        app.MapGet("/bytes/{count:long}", async (HttpContext context, long count) =>
        {
            context.Response.ContentLength = count;
            context.Response.ContentType = "application/octet-stream";
            var block = OriginServer.Pattern(64 * OriginServer.KiB);
            for (long sent = 0; sent < count;)
            {
                var size = (int)Math.Min(block.Length, count - sent);
                await context.Response.Body.WriteAsync(block.AsMemory(0, size), context.RequestAborted);
                sent += size;
            }
        });

        var origin = new SampleSiteOrigin(app, certificate);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await origin.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        origin.Port = new Uri(address).Port;
        return origin;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _certificate.Dispose();
    }

    private static X509Certificate2 Issue(X509Certificate2 root, IReadOnlyList<string> names)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={names[0]}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            san.AddDnsName(name);
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, true, false));
        var now = DateTimeOffset.UtcNow;
        using var issued = request.Create(root, now.AddDays(-1), now.AddDays(30), RandomNumberGenerator.GetBytes(16));
        return issued.CopyWithPrivateKey(key);
    }
}
