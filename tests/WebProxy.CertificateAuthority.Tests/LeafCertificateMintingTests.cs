using System.Net;
using System.Numerics;
using System.Security.Cryptography.X509Certificates;
using WebProxy.CertificateAuthority.Tests.Support;

namespace WebProxy.CertificateAuthority.Tests;

public sealed class LeafCertificateMintingTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly ManualTimeProvider _time = new();
    private readonly TestMeterFactory _meterFactory = new();
    private readonly OrganisationCertificateAuthority _authority;
    private readonly LeafCertificateCache _cache;

    public LeafCertificateMintingTests()
    {
        _authority = TestAuthorities.Generate(_directory, _time);
        _cache = new LeafCertificateCache(_authority, new CertificateAuthorityOptions(), _time, _meterFactory);
    }

    public void Dispose()
    {
        _cache.Dispose();
        _authority.Dispose();
        _meterFactory.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task A_leaf_for_a_DNS_name_chains_to_the_CA_and_names_the_host_in_its_SAN()
    {
        var leaf = await MintAsync("intranet.gemeente-voorbeeld.nl");

        Assert.Empty(ChainVerifier.Verify(leaf, _authority.PublicCertificate, _time.GetUtcNow()));
        var san = Assert.Single(leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>());
        Assert.Equal(["intranet.gemeente-voorbeeld.nl"], san.EnumerateDnsNames());
        Assert.Empty(san.EnumerateIPAddresses());
        Assert.Equal("CN=intranet.gemeente-voorbeeld.nl", leaf.Subject);
    }

    [Fact]
    public async Task A_leaf_for_an_IPv4_address_chains_to_the_CA_and_carries_an_IP_SAN()
    {
        var leaf = await MintAsync("192.0.2.10");

        Assert.Empty(ChainVerifier.Verify(leaf, _authority.PublicCertificate, _time.GetUtcNow()));
        var san = Assert.Single(leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>());
        Assert.Equal([IPAddress.Parse("192.0.2.10")], san.EnumerateIPAddresses());
        Assert.Empty(san.EnumerateDnsNames());
    }

    [Fact]
    public async Task A_leaf_for_an_IPv6_address_chains_to_the_CA_and_carries_an_IP_SAN()
    {
        var leaf = await MintAsync("2001:db8::1");

        Assert.Empty(ChainVerifier.Verify(leaf, _authority.PublicCertificate, _time.GetUtcNow()));
        var san = Assert.Single(leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>());
        Assert.Equal([IPAddress.Parse("2001:db8::1")], san.EnumerateIPAddresses());
        Assert.Empty(san.EnumerateDnsNames());
    }

    [Fact]
    public async Task A_name_of_digits_only_is_treated_as_a_DNS_name_not_as_an_IPv4_shorthand()
    {
        var leaf = await MintAsync("1234");

        var san = Assert.Single(leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>());
        Assert.Equal(["1234"], san.EnumerateDnsNames());
        Assert.Empty(san.EnumerateIPAddresses());
    }

    [Fact]
    public async Task The_leaf_is_an_end_entity_certificate_for_TLS_server_authentication_only()
    {
        var leaf = await MintAsync("example.org");

        var basicConstraints = Assert.Single(leaf.Extensions.OfType<X509BasicConstraintsExtension>());
        Assert.False(basicConstraints.CertificateAuthority);
        var keyUsage = Assert.Single(leaf.Extensions.OfType<X509KeyUsageExtension>());
        Assert.Equal(X509KeyUsageFlags.DigitalSignature, keyUsage.KeyUsages);
        Assert.True(keyUsage.Critical);
        var extendedKeyUsage = Assert.Single(leaf.Extensions.OfType<X509EnhancedKeyUsageExtension>());
        Assert.Equal(["1.3.6.1.5.5.7.3.1"], extendedKeyUsage.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(oid => oid.Value));
        Assert.True(leaf.HasPrivateKey);
        using var publicKey = leaf.GetECDsaPublicKey();
        Assert.NotNull(publicKey);
        Assert.Equal("1.2.840.10045.3.1.7", publicKey.ExportParameters(false).Curve.Oid.Value);
    }

    [Fact]
    public async Task The_leaf_names_the_CA_key_in_its_authority_key_identifier()
    {
        var leaf = await MintAsync("example.org");

        var authorityKeyIdentifier = Assert.Single(leaf.Extensions.OfType<X509AuthorityKeyIdentifierExtension>());
        var caKeyIdentifier = Assert.Single(_authority.Certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>());
        Assert.NotNull(authorityKeyIdentifier.KeyIdentifier);
        Assert.Equal(caKeyIdentifier.SubjectKeyIdentifier, Convert.ToHexString(authorityKeyIdentifier.KeyIdentifier.Value.Span));
    }

    [Fact]
    public async Task The_leaf_serial_is_a_random_positive_sixteen_byte_number()
    {
        var first = await MintAsync("a.example.org");
        var second = await MintAsync("b.example.org");

        var serial = first.SerialNumberBytes.Span;
        Assert.Equal(16, serial.Length);
        Assert.True(new BigInteger(serial, isUnsigned: false, isBigEndian: true) > 0);
        Assert.NotEqual(first.SerialNumber, second.SerialNumber);
    }

    [Fact]
    public async Task Each_host_gets_a_leaf_with_its_own_key()
    {
        var first = await MintAsync("a.example.org");
        var second = await MintAsync("b.example.org");

        Assert.NotEqual(first.GetPublicKeyString(), second.GetPublicKeyString());
        Assert.NotEqual(_authority.Certificate.GetPublicKeyString(), first.GetPublicKeyString());
    }

    [Fact]
    public async Task The_leaf_is_valid_from_an_hour_ago_for_the_configured_validity()
    {
        var now = _time.GetUtcNow();

        var leaf = await MintAsync("example.org");

        Assert.Equal(now.AddHours(-1).UtcDateTime, leaf.NotBefore.ToUniversalTime());
        Assert.Equal(now.AddDays(7).UtcDateTime, leaf.NotAfter.ToUniversalTime());
    }

    [Fact]
    public async Task A_leaf_never_outlives_the_CA_that_signed_it()
    {
        var now = _time.GetUtcNow();
        using var shortLivedCa = TestCertificates.CreateCa(now.AddDays(-300), now.AddDays(3));
        var options = new CertificateAuthorityOptions { PfxPath = _directory.Combine("short.pfx") };
        TestCertificates.WritePfx(shortLivedCa, options.PfxPath, password: null);
        using var authority = TestAuthorities.Load(options, _directory, _time);
        using var cache = new LeafCertificateCache(authority, options, _time, _meterFactory);

        var context = await cache.GetAsync("example.org", CancellationToken.None);

        Assert.Equal(shortLivedCa.NotAfter, context.TargetCertificate.NotAfter);
        Assert.Empty(ChainVerifier.Verify(context.TargetCertificate, authority.PublicCertificate, now.AddDays(2)));
    }

    [Fact]
    public async Task A_leaf_signed_by_an_RSA_organisation_CA_chains_to_it()
    {
        using var rsaCa = TestCertificates.CreateValidCa(_time, rsa: true);
        var options = new CertificateAuthorityOptions { PfxPath = _directory.Combine("rsa.pfx"), PfxPassword = "geheim" };
        TestCertificates.WritePfx(rsaCa, options.PfxPath, options.PfxPassword);
        using var authority = TestAuthorities.Load(options, _directory, _time);
        using var cache = new LeafCertificateCache(authority, options, _time, _meterFactory);

        var context = await cache.GetAsync("example.org", CancellationToken.None);

        Assert.Empty(ChainVerifier.Verify(context.TargetCertificate, authority.PublicCertificate, _time.GetUtcNow()));
    }

    [Fact]
    public async Task A_host_name_too_long_for_a_common_name_gets_an_empty_subject_and_a_critical_SAN()
    {
        var host = string.Join('.', Enumerable.Repeat("abcdefghijklmnopqrstuvwxyz", 4)) + ".example.org";

        var leaf = await MintAsync(host);

        Assert.Equal(string.Empty, leaf.Subject);
        var san = Assert.Single(leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>());
        Assert.True(san.Critical);
        Assert.Equal([host], san.EnumerateDnsNames());
        Assert.Empty(ChainVerifier.Verify(leaf, _authority.PublicCertificate, _time.GetUtcNow()));
    }

    private async Task<X509Certificate2> MintAsync(string host)
    {
        var context = await _cache.GetAsync(host, CancellationToken.None);
        return context.TargetCertificate;
    }
}
