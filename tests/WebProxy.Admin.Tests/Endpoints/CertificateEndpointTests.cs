using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace WebProxy.Admin.Tests.Endpoints;

public sealed class CertificateEndpointTests
{
    [Fact]
    public async Task Ca_pem_is_the_public_certificate_as_a_pem_download()
    {
        var ca = new TestCaCertificateSource();
        await using var host = await AdminHost.StartAsync(caSource: ca);

        using var response = await host.Client.GetAsync("/ca.pem");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-pem-file", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment; filename=\"webproxy-ca.pem\"", response.Content.Headers.ContentDisposition?.ToString());
        Assert.Equal(ca.CertificatePem, body);
        Assert.DoesNotContain("PRIVATE KEY", body, StringComparison.Ordinal);
        using var certificate = X509Certificate2.CreateFromPem(body);
        Assert.Equal(ca.Thumbprint, certificate.Thumbprint);
    }

    [Fact]
    public async Task Ca_crt_is_the_public_certificate_in_der_for_windows()
    {
        var ca = new TestCaCertificateSource();
        await using var host = await AdminHost.StartAsync(caSource: ca);

        using var response = await host.Client.GetAsync("/ca.crt");
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pkix-cert", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment; filename=\"webproxy-ca.crt\"", response.Content.Headers.ContentDisposition?.ToString());
        Assert.Equal(ca.CertificateDer, body);
        using var certificate = X509CertificateLoader.LoadCertificate(body);
        Assert.Equal(ca.Thumbprint, certificate.Thumbprint);
        Assert.False(certificate.HasPrivateKey);
    }

    [Theory]
    [InlineData("/ca.pem")]
    [InlineData("/ca.crt")]
    public async Task Without_a_ca_source_the_certificate_endpoints_answer_404(string path)
    {
        await using var host = await AdminHost.StartAsync();

        using var response = await host.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("No organisation CA", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
