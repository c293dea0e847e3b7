using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WebProxy.CertificateAuthority;

/// <summary>Creates a fresh self-signed organisation CA.</summary>
internal static class CaCertificateGenerator
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromHours(1);
    private const int ValidityYears = 10;

    /// <summary>
    /// ECDSA P-256: signing and leaf-key generation are fast (a leaf is minted on the first CONNECT to each host,
    /// while the client waits), certificates and handshakes are small, and every current browser and operating
    /// system accepts it. RSA 3072 would be about ten times slower to sign and far slower to generate.
    /// </summary>
    public static X509Certificate2 Create(string commonName, string organisation, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(commonName);
        ArgumentException.ThrowIfNullOrWhiteSpace(organisation);

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Subject(commonName, organisation), key, HashAlgorithmName.SHA256);

        // RFC 5280 §4.2.1.9: cA=true marks a CA; pathLenConstraint=0 forbids intermediates under it, so a leaked
        // leaf key can never become a CA. Critical, so a verifier that does not understand it must reject.
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(
            certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));

        // RFC 5280 §4.2.1.3: a CA key signs certificates and CRLs, nothing else.
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));

        // RFC 5280 §4.2.1.2: a CA MUST carry a subject key identifier; leaves refer to it in their AKI (§4.2.1.1),
        // which lets clients pick the right issuer after the CA is renewed under the same name.
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));

        // A self-signed certificate has no serial-number override in CreateSelfSigned, so sign through Create.
        var notBefore = now - ClockSkew;
        var notAfter = now.AddYears(ValidityYears);
        var generator = X509SignatureGenerator.CreateForECDsa(key);
        using var publicOnly = request.Create(request.SubjectName, generator, notBefore, notAfter, SerialNumbers.NewSerial());
        return publicOnly.CopyWithPrivateKey(key);
    }

    /// <summary>
    /// The builder encodes in reverse order of the calls, so the DER holds O then CN (most general first, as
    /// RFC 5280 §4.1.2.4 names are read) and displays as "CN=…, O=…". It also escapes the values, so a comma or
    /// quote in a configured name cannot change the structure.
    /// </summary>
    private static X500DistinguishedName Subject(string commonName, string organisation)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCommonName(commonName);
        builder.AddOrganizationName(organisation);
        return builder.Build();
    }
}
