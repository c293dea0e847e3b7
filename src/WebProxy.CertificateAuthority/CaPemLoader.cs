using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WebProxy.CertificateAuthority;

/// <summary>
/// Loads a CA from a PEM certificate file and a PEM private key file (PKCS#8 or SEC1, unencrypted).
/// Certificate and key are read separately, rather than through X509Certificate2.CreateFromPemFile, so that each
/// failure can name the file at fault: an unreadable certificate, an unusable key, or a key of another pair.
/// </summary>
internal static class CaPemLoader
{
    public static X509Certificate2 Load(string certificatePath, string keyPath)
    {
        using var certificate = LoadCertificate(certificatePath);
        var keyPem = ReadText(keyPath, "private key");
        using (var ecPublic = certificate.GetECDsaPublicKey())
        {
            if (ecPublic is not null)
            {
                using var key = ECDsa.Create();
                ImportKey(key, keyPem, keyPath);
                return Attach(() => certificate.CopyWithPrivateKey(key), certificatePath, keyPath);
            }
        }

        using (var rsaPublic = certificate.GetRSAPublicKey())
        {
            if (rsaPublic is not null)
            {
                using var key = RSA.Create();
                ImportKey(key, keyPem, keyPath);
                return Attach(() => certificate.CopyWithPrivateKey(key), certificatePath, keyPath);
            }
        }

        throw new CertificateAuthorityException(
            $"The CA certificate in '{certificatePath}' uses an unsupported key algorithm ({certificate.PublicKey.Oid.FriendlyName ?? certificate.PublicKey.Oid.Value}); use ECDSA or RSA.");
    }

    /// <summary>CopyWithPrivateKey refuses a key whose public half differs from the certificate's.</summary>
    private static X509Certificate2 Attach(Func<X509Certificate2> copyWithPrivateKey, string certificatePath, string keyPath)
    {
        try
        {
            return copyWithPrivateKey();
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            throw new CertificateAuthorityException($"The private key in '{keyPath}' does not match the CA certificate in '{certificatePath}'.", ex);
        }
    }

    private static X509Certificate2 LoadCertificate(string path)
    {
        var pem = ReadText(path, "certificate");
        try
        {
            return X509Certificate2.CreateFromPem(pem);
        }
        catch (CryptographicException ex)
        {
            throw new CertificateAuthorityException($"'{path}' does not contain a readable PEM certificate (-----BEGIN CERTIFICATE-----): {ex.Message}", ex);
        }
    }

    private static void ImportKey(AsymmetricAlgorithm key, string pem, string path)
    {
        try
        {
            key.ImportFromPem(pem);
        }
        catch (ArgumentException ex)
        {
            // ImportFromPem reports "no PEM key found" and "the key is encrypted" as ArgumentException.
            throw new CertificateAuthorityException(
                $"'{path}' does not contain a usable private key: expected an unencrypted PEM key (-----BEGIN PRIVATE KEY----- or -----BEGIN EC/RSA PRIVATE KEY-----) of the certificate's algorithm; for an encrypted key use a PFX with a password. ({ex.Message})",
                ex);
        }
        catch (CryptographicException ex)
        {
            throw new CertificateAuthorityException($"'{path}' does not contain a usable private key: {ex.Message}", ex);
        }
    }

    private static string ReadText(string path, string what)
    {
        if (!File.Exists(path))
        {
            throw new CertificateAuthorityException($"The CA {what} file '{path}' does not exist.");
        }

        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CertificateAuthorityException($"The CA {what} file '{path}' cannot be read: {ex.Message}", ex);
        }
    }
}
