using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace WebProxy.CertificateAuthority;

/// <summary>
/// The organisation's CA: the certificate that clients install as trusted, and whose key signs the leaf
/// certificates the proxy shows when it intercepts TLS. Loaded from configured PEM or PFX files, or generated once
/// and kept in the data folder.
/// </summary>
public sealed class OrganisationCertificateAuthority : IDisposable
{
    /// <summary>Operators get this much notice, at every start, that clients will soon need a new CA.</summary>
    private static readonly TimeSpan ExpiryWarningPeriod = TimeSpan.FromDays(30);

    private OrganisationCertificateAuthority(X509Certificate2 certificate)
    {
        Certificate = certificate;
        PublicCertificate = X509CertificateLoader.LoadCertificate(certificate.RawData);
        CertificatePem = certificate.ExportCertificatePem();
    }

    /// <summary>The CA certificate with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The public CA certificate only, PEM encoded, for download by clients.</summary>
    public string CertificatePem { get; }

    /// <summary>The public CA certificate only, DER encoded (a Windows .crt download). A fresh copy on every call.</summary>
    public byte[] CertificateDer => PublicCertificate.RawData;

    /// <summary>The CA certificate without its key: what is sent along with every leaf in the TLS handshake.</summary>
    internal X509Certificate2 PublicCertificate { get; }

    /// <summary>
    /// Loads the configured CA, or the one in <paramref name="dataDirectory"/>, generating it there on first use.
    /// </summary>
    /// <exception cref="CertificateAuthorityException">The configuration or a CA file is unusable.</exception>
    public static OrganisationCertificateAuthority LoadOrCreate(
        CertificateAuthorityOptions options, string dataDirectory, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);

        var now = timeProvider.GetUtcNow();
        var certificate = Load(options, dataDirectory, now, logger);
        try
        {
            if (CertificateTimes.NotAfter(certificate) - now < ExpiryWarningPeriod)
            {
                CertificateAuthorityLog.CaExpiresSoon(logger, certificate.Subject, CertificateTimes.NotAfter(certificate));
            }

            return new OrganisationCertificateAuthority(certificate);
        }
        catch (Exception)
        {
            certificate.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        PublicCertificate.Dispose();
        Certificate.Dispose();
    }

    private static X509Certificate2 Load(CertificateAuthorityOptions options, string dataDirectory, DateTimeOffset now, ILogger logger)
    {
        var hasPem = !string.IsNullOrWhiteSpace(options.CertificatePemPath) || !string.IsNullOrWhiteSpace(options.PrivateKeyPemPath);
        var hasPfx = !string.IsNullOrWhiteSpace(options.PfxPath);
        if (hasPem && hasPfx)
        {
            throw new CertificateAuthorityException(
                $"Both PEM files and a PFX file ('{options.PfxPath}') are configured for the CA; configure one or the other.");
        }

        if (hasPfx)
        {
            var pfxPath = options.PfxPath!;
            return LoadValidated(() => CaPfxLoader.Load(pfxPath, options.PfxPassword), pfxPath, pfxPath, now, logger);
        }

        if (hasPem)
        {
            var certificatePath = options.CertificatePemPath;
            var keyPath = options.PrivateKeyPemPath;
            if (string.IsNullOrWhiteSpace(certificatePath) || string.IsNullOrWhiteSpace(keyPath))
            {
                throw new CertificateAuthorityException(
                    $"Only one of the CA PEM files is configured ('{certificatePath ?? keyPath}'); configure both the certificate and the private key file.");
            }

            KeyFilePermissions.WarnIfOpen(keyPath, logger);
            return LoadValidated(() => CaPemLoader.Load(certificatePath, keyPath), certificatePath, keyPath, now, logger);
        }

        var store = new CaDataDirectory(dataDirectory);
        if (!store.HasCertificate)
        {
            using var generated = CaCertificateGenerator.Create(options.CommonName, options.Organisation, now);
            store.Store(generated, logger);
        }
        else
        {
            KeyFilePermissions.WarnIfOpen(store.KeyPath, logger);
        }

        // A freshly generated CA is read back from disk too: one code path, and proof the files are usable.
        return LoadValidated(() => CaPemLoader.Load(store.CertificatePath, store.KeyPath), store.CertificatePath, store.KeyPath, now, logger);
    }

    private static X509Certificate2 LoadValidated(
        Func<X509Certificate2> load, string certificatePath, string keyPath, DateTimeOffset now, ILogger logger)
    {
        var certificate = load();
        try
        {
            CaCertificateValidator.Validate(certificate, certificatePath, keyPath, now);
        }
        catch (CertificateAuthorityException)
        {
            certificate.Dispose();
            throw;
        }

        CertificateAuthorityLog.CaLoaded(logger, certificate.Subject, certificate.Thumbprint, CertificateTimes.NotAfter(certificate), certificatePath);
        return certificate;
    }
}
