using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WebProxy.Admin.Tests;

/// <summary>A real self-signed CA certificate, generated per test; only its public parts are kept.</summary>
internal sealed class TestCaCertificateSource : ICaCertificateSource
{
    public TestCaCertificateSource()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=WebProxy Test CA, O=Gemeente Test", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        CertificatePem = certificate.ExportCertificatePem();
        CertificateDer = certificate.RawData;
        Thumbprint = certificate.Thumbprint;
    }

    public string CertificatePem { get; }

    public byte[] CertificateDer { get; }

    public string Thumbprint { get; }
}
