namespace WebProxy.Admin;

/// <summary>
/// The organisation CA certificate that workstations install, as the admin port serves it. Public parts only:
/// the admin port never needs the private key. Read on every request, so an implementation may follow a rotation.
/// </summary>
public interface ICaCertificateSource
{
    /// <summary>The certificate in PEM (<c>-----BEGIN CERTIFICATE-----</c>), served as <c>/ca.pem</c>.</summary>
    string CertificatePem { get; }

    /// <summary>The certificate in DER, served as <c>/ca.crt</c> (Windows installs it on double-click).</summary>
    byte[] CertificateDer { get; }
}
