using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WebProxy.CertificateAuthority.Tests.Support;

/// <summary>Builds CA certificates of every shape the loading tests need, and writes them as PEM or PFX.</summary>
internal static class TestCertificates
{
    public static X509Certificate2 CreateCa(
        DateTimeOffset notBefore,
        DateTimeOffset notAfter,
        bool includeBasicConstraints = true,
        bool isCertificateAuthority = true,
        X509KeyUsageFlags keyUsage = X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign,
        bool rsa = false)
    {
        using AsymmetricAlgorithm key = rsa ? RSA.Create(2048) : ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedName("CN=Test Organisation CA, O=Gemeente Voorbeeld");
        var request = key is RSA rsaKey
            ? new CertificateRequest(subject, rsaKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : new CertificateRequest(subject, (ECDsa)key, HashAlgorithmName.SHA256);
        if (includeBasicConstraints)
        {
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(isCertificateAuthority, false, 0, critical: true));
        }

        request.CertificateExtensions.Add(new X509KeyUsageExtension(keyUsage, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request.CreateSelfSigned(notBefore, notAfter);
    }

    public static X509Certificate2 CreateValidCa(TimeProvider time, bool rsa = false)
    {
        var now = time.GetUtcNow();
        return CreateCa(now.AddDays(-1), now.AddYears(2), rsa: rsa);
    }

    public static void WritePemPair(X509Certificate2 certificate, string certificatePath, string keyPath)
    {
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, PrivateKeyPem(certificate));
    }

    public static string PrivateKeyPem(X509Certificate2 certificate)
    {
        using AsymmetricAlgorithm key = (AsymmetricAlgorithm?)certificate.GetECDsaPrivateKey()
            ?? certificate.GetRSAPrivateKey()
            ?? throw new InvalidOperationException("The test certificate has no private key.");
        return key.ExportPkcs8PrivateKeyPem();
    }

    public static void WritePfx(X509Certificate2 certificate, string path, string? password)
        => File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
}
