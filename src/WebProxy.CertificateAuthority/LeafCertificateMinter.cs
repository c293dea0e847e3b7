using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WebProxy.CertificateAuthority;

/// <summary>Signs a leaf certificate for one host with the organisation CA.</summary>
internal sealed class LeafCertificateMinter
{
    /// <summary>Client clocks run behind; a leaf that is "not yet valid" for them would fail the handshake.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromHours(1);

    /// <summary>RFC 5280 Appendix A: ub-common-name is 64 characters; DNS names can be up to 253.</summary>
    private const int MaxCommonNameLength = 64;

    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1", "Server Authentication");

    private readonly OrganisationCertificateAuthority _authority;
    private readonly TimeSpan _validity;
    private readonly TimeProvider _timeProvider;
    private readonly X509AuthorityKeyIdentifierExtension _authorityKeyIdentifier;

    public LeafCertificateMinter(OrganisationCertificateAuthority authority, TimeSpan validity, TimeProvider timeProvider)
    {
        _authority = authority;
        _validity = validity;
        _timeProvider = timeProvider;
        _authorityKeyIdentifier = AuthorityKeyIdentifier(authority.PublicCertificate);
    }

    /// <summary>Mints a leaf for a normalised DNS name or an IP literal; the result carries its private key.</summary>
    public X509Certificate2 Mint(string hostOrAddress)
    {
        var ca = _authority.Certificate;
        var now = _timeProvider.GetUtcNow();
        var caNotAfter = CertificateTimes.NotAfter(ca);
        if (now >= caNotAfter)
        {
            throw new CertificateAuthorityException(
                $"The organisation CA '{ca.Subject}' expired on {caNotAfter:u}; no leaf certificate can be minted until it is replaced.");
        }

        // A leaf must lie within its issuer's validity; chain builders reject one that outlives the CA.
        var notBefore = Max(now - ClockSkew, CertificateTimes.NotBefore(ca));
        var notAfter = Min(now + _validity, caNotAfter);

        // A fresh key per host: a leaf key that leaks (memory dump, debugging) exposes one host, not all.
        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = CreateRequest(hostOrAddress, leafKey);

        using var publicOnly = Sign(request, ca, notBefore, notAfter);
        var leaf = publicOnly.CopyWithPrivateKey(leafKey);
        if (!OperatingSystem.IsWindows())
        {
            return leaf;
        }

        // SChannel cannot use the ephemeral key of CopyWithPrivateKey in a handshake; a PKCS#12 round trip
        // gives it a usable one. Linux (OpenSSL) needs no such step.
        using (leaf)
        {
            return X509CertificateLoader.LoadPkcs12(leaf.Export(X509ContentType.Pkcs12), password: null);
        }
    }

    private CertificateRequest CreateRequest(string hostOrAddress, ECDsa leafKey)
    {
        var sanBuilder = new SubjectAlternativeNameBuilder();
        if (TryParseAddress(hostOrAddress, out var address))
        {
            sanBuilder.AddIpAddress(address);
        }
        else
        {
            sanBuilder.AddDnsName(hostOrAddress);
        }

        // Browsers match only the SAN (RFC 6125 §6.4.4); the CN is for people reading the certificate. A name too
        // long for a CN gets an empty subject, which RFC 5280 §4.2.1.6 allows when the SAN is critical.
        var fitsCommonName = hostOrAddress.Length <= MaxCommonNameLength;
        var subject = fitsCommonName ? CommonName(hostOrAddress) : new X500DistinguishedName([0x30, 0x00]);

        var request = new CertificateRequest(subject, leafKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(sanBuilder.Build(critical: !fitsCommonName));

        // RFC 5280 §4.2.1.9: not a CA. §4.2.1.3: an ECDSA server key only signs the handshake.
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));

        // RFC 5280 §4.2.1.12: usable for TLS server authentication only.
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuthentication], critical: false));

        // RFC 5280 §4.2.1.1 and §4.2.1.2: AKI names the issuing key; SKI is recommended for end entities too.
        request.CertificateExtensions.Add(_authorityKeyIdentifier);
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request;
    }

    /// <summary>
    /// Signs through an explicit generator, with a key handle per call: the CA key may be RSA (an organisation's
    /// existing CA), and a fresh handle per mint keeps concurrent mints from sharing one key object.
    /// </summary>
    private static X509Certificate2 Sign(CertificateRequest request, X509Certificate2 ca, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var serial = SerialNumbers.NewSerial();
        using (var ecKey = ca.GetECDsaPrivateKey())
        {
            if (ecKey is not null)
            {
                return request.Create(ca.SubjectName, X509SignatureGenerator.CreateForECDsa(ecKey), notBefore, notAfter, serial);
            }
        }

        using var rsaKey = ca.GetRSAPrivateKey()
            ?? throw new CertificateAuthorityException($"The organisation CA '{ca.Subject}' has no ECDSA or RSA private key to sign with.");
        return request.Create(ca.SubjectName, X509SignatureGenerator.CreateForRSA(rsaKey, RSASignaturePadding.Pkcs1), notBefore, notAfter, serial);
    }

    /// <summary>
    /// RFC 5280 §4.2.1.1: the AKI should carry the issuer's subject key identifier. An older CA without one is
    /// identified by its issuer name and serial number instead.
    /// </summary>
    private static X509AuthorityKeyIdentifierExtension AuthorityKeyIdentifier(X509Certificate2 ca)
    {
        var hasSubjectKeyIdentifier = ca.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Any();
        return X509AuthorityKeyIdentifierExtension.CreateFromCertificate(
            ca, includeKeyIdentifier: hasSubjectKeyIdentifier, includeIssuerAndSerial: !hasSubjectKeyIdentifier);
    }

    /// <summary>
    /// IPAddress.TryParse also accepts shorthand such as "1" or "10.1" (as inet_aton does); only a full dotted quad
    /// or an IPv6 literal is an address here, so an all-digit label never silently becomes an IP SAN.
    /// </summary>
    private static bool TryParseAddress(string hostOrAddress, out IPAddress address)
    {
        if (IPAddress.TryParse(hostOrAddress, out var parsed)
            && (parsed.AddressFamily == AddressFamily.InterNetworkV6 || hostOrAddress.Count(c => c == '.') == 3))
        {
            address = parsed;
            return true;
        }

        address = IPAddress.None;
        return false;
    }

    private static X500DistinguishedName CommonName(string name)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCommonName(name);
        return builder.Build();
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
