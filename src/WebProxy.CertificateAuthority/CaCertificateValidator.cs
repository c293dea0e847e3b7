using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WebProxy.CertificateAuthority;

/// <summary>
/// Checks that a loaded certificate can act as the organisation CA, whatever its source. Each failure names the
/// file at fault, so the operator knows what to replace.
/// </summary>
internal static class CaCertificateValidator
{
    private static readonly byte[] ProbeData = "WebProxy CA key probe"u8.ToArray();

    public static void Validate(X509Certificate2 certificate, string certificatePath, string keyPath, DateTimeOffset now)
    {
        // RFC 5280 §4.2.1.9: only a certificate whose BasicConstraints say cA=true may issue certificates.
        // Without it every leaf would be rejected by browsers, so stop at start-up instead.
        var basicConstraints = certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        if (basicConstraints is null || !basicConstraints.CertificateAuthority)
        {
            throw new CertificateAuthorityException(
                $"The certificate in '{certificatePath}' is not a CA certificate: it has no BasicConstraints extension with CA=true (RFC 5280 §4.2.1.9), so it cannot sign certificates that browsers accept.");
        }

        // RFC 5280 §4.2.1.3: when KeyUsage is present it must include keyCertSign for the key to sign certificates.
        var keyUsage = certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
        if (keyUsage is not null && !keyUsage.KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign))
        {
            throw new CertificateAuthorityException(
                $"The certificate in '{certificatePath}' may not sign certificates: its KeyUsage extension lacks keyCertSign (RFC 5280 §4.2.1.3).");
        }

        if (!certificate.HasPrivateKey)
        {
            throw new CertificateAuthorityException($"'{keyPath}' contains no private key for the CA certificate; the proxy needs the key to sign leaf certificates.");
        }

        ProbeKeyPair(certificate, keyPath);

        var notBefore = CertificateTimes.NotBefore(certificate);
        if (now < notBefore)
        {
            throw new CertificateAuthorityException(
                $"The CA certificate in '{certificatePath}' is not valid yet: it becomes valid on {notBefore:u} (the clock says {now:u}).");
        }

        var notAfter = CertificateTimes.NotAfter(certificate);
        if (now >= notAfter)
        {
            throw new CertificateAuthorityException($"The CA certificate in '{certificatePath}' has expired: it was valid until {notAfter:u}.");
        }
    }

    /// <summary>
    /// Signs with the private key and verifies with the certificate's public key: the one check that proves the
    /// two belong together for every source (a PFX can carry a stray key, a PEM key file can be the wrong one).
    /// </summary>
    private static void ProbeKeyPair(X509Certificate2 certificate, string keyPath)
    {
        bool matches;
        try
        {
            matches = SignAndVerify(certificate);
        }
        catch (CryptographicException ex)
        {
            throw new CertificateAuthorityException($"The private key in '{keyPath}' cannot sign: {ex.Message}", ex);
        }

        if (!matches)
        {
            throw new CertificateAuthorityException($"The private key in '{keyPath}' does not match the CA certificate.");
        }
    }

    private static bool SignAndVerify(X509Certificate2 certificate)
    {
        using (var privateKey = certificate.GetECDsaPrivateKey())
        {
            if (privateKey is not null)
            {
                using var publicKey = certificate.GetECDsaPublicKey()!;
                var signature = privateKey.SignData(ProbeData, HashAlgorithmName.SHA256);
                return publicKey.VerifyData(ProbeData, signature, HashAlgorithmName.SHA256);
            }
        }

        using (var privateKey = certificate.GetRSAPrivateKey())
        {
            if (privateKey is not null)
            {
                using var publicKey = certificate.GetRSAPublicKey()!;
                var signature = privateKey.SignData(ProbeData, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                return publicKey.VerifyData(ProbeData, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            }
        }

        throw new CryptographicException("only ECDSA and RSA CA keys are supported");
    }
}
