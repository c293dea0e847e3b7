using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WebProxy.Testing;

/// <summary>
/// Certificates made at test run time: a test root CA that origins' certificates chain to, and the bad cases
/// the proxy must refuse (expired, wrong host, self-signed, signed by an unknown CA). Nothing is committed.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    public TestCertificates()
    {
        var now = DateTimeOffset.UtcNow;
        Root = CreateAuthority("CN=WebProxy Test Origin Root", now);
        Rogue = CreateAuthority("CN=Rogue CA Nobody Trusts", now);
        Valid = Issue(Root, ["good.test", "localhost"], now.AddDays(-1), now.AddDays(30));
        Expired = Issue(Root, ["expired.test"], now.AddDays(-30), now.AddDays(-1));
        WrongHost = Issue(Root, ["someone-else.test"], now.AddDays(-1), now.AddDays(30));
        Untrusted = Issue(Rogue, ["untrusted.test"], now.AddDays(-1), now.AddDays(30));
        SelfSigned = CreateSelfSignedLeaf("selfsigned.test", now);
    }

    public X509Certificate2 Root { get; }

    public X509Certificate2 Rogue { get; }

    public X509Certificate2 Valid { get; }

    public X509Certificate2 Expired { get; }

    public X509Certificate2 WrongHost { get; }

    public X509Certificate2 Untrusted { get; }

    public X509Certificate2 SelfSigned { get; }

    /// <summary>The certificate an origin presents for a given SNI name.</summary>
    public X509Certificate2 ForHost(string? host) => host switch
    {
        "expired.test" => Expired,
        "wrong.test" => WrongHost,
        "untrusted.test" => Untrusted,
        "selfsigned.test" => SelfSigned,
        _ => Valid,
    };

    /// <summary>Writes the test root as PEM, for the proxy's <c>UpstreamExtraCaFile</c>.</summary>
    public string WriteRootPem(string directory)
    {
        var path = Path.Combine(directory, "test-origin-root.pem");
        File.WriteAllText(path, Root.ExportCertificatePem());
        return path;
    }

    public void Dispose()
    {
        foreach (var certificate in new[] { Root, Rogue, Valid, Expired, WrongHost, Untrusted, SelfSigned })
        {
            certificate.Dispose();
        }
    }

    private static X509Certificate2 CreateAuthority(string subject, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(now.AddDays(-60), now.AddYears(1));
    }

    private static X509Certificate2 Issue(X509Certificate2 issuer, string[] names, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = LeafRequest(names, key);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        using var issued = request.Create(issuer, notBefore, notAfter, RandomNumberGenerator.GetBytes(16));
        return issued.CopyWithPrivateKey(key);
    }

    private static X509Certificate2 CreateSelfSignedLeaf(string name, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return LeafRequest([name], key).CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
    }

    private static CertificateRequest LeafRequest(string[] names, ECDsa key)
    {
        var request = new CertificateRequest($"CN={names[0]}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            san.AddDnsName(name);
        }

        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        return request;
    }
}
