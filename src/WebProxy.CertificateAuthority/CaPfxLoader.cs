using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WebProxy.CertificateAuthority;

/// <summary>Loads a CA, certificate and private key, from a PKCS#12 (PFX) file.</summary>
internal static class CaPfxLoader
{
    public static X509Certificate2 Load(string path, string? password)
    {
        if (!File.Exists(path))
        {
            throw new CertificateAuthorityException($"The CA PFX file '{path}' does not exist.");
        }

        try
        {
            // EphemeralKeySet is not used: SChannel on Windows cannot sign with an ephemeral key; on Linux the
            // flags make no difference.
            return X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (CryptographicException ex)
        {
            throw new CertificateAuthorityException(
                $"The CA PFX file '{path}' cannot be opened: the password is wrong or it is not a PKCS#12 file ({ex.Message}).", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CertificateAuthorityException($"The CA PFX file '{path}' cannot be read: {ex.Message}", ex);
        }
    }
}
