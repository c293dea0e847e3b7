using WebProxy.CertificateAuthority.Tests.Support;

namespace WebProxy.CertificateAuthority.Tests;

public sealed class ConfiguredCertificateAuthorityTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly ManualTimeProvider _time = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_configured_PEM_certificate_and_key_are_loaded_as_the_CA_with_its_private_key()
    {
        using var source = TestCertificates.CreateValidCa(_time);
        var options = new CertificateAuthorityOptions { CertificatePemPath = _directory.Combine("org-ca.pem"), PrivateKeyPemPath = _directory.Combine("org-ca.key") };
        TestCertificates.WritePemPair(source, options.CertificatePemPath, options.PrivateKeyPemPath);

        using var authority = TestAuthorities.Load(options, _directory, _time);

        Assert.Equal(source.Thumbprint, authority.Certificate.Thumbprint);
        Assert.True(authority.Certificate.HasPrivateKey);
    }

    [Fact]
    public void A_configured_password_protected_PFX_is_loaded_as_the_CA_with_its_private_key()
    {
        using var source = TestCertificates.CreateValidCa(_time);
        var options = new CertificateAuthorityOptions { PfxPath = _directory.Combine("org-ca.pfx"), PfxPassword = "geheim" };
        TestCertificates.WritePfx(source, options.PfxPath, options.PfxPassword);

        using var authority = TestAuthorities.Load(options, _directory, _time);

        Assert.Equal(source.Thumbprint, authority.Certificate.Thumbprint);
        Assert.True(authority.Certificate.HasPrivateKey);
    }

    [Fact]
    public void An_existing_RSA_organisation_CA_is_accepted_from_a_PEM_pair()
    {
        using var source = TestCertificates.CreateValidCa(_time, rsa: true);
        var options = new CertificateAuthorityOptions { CertificatePemPath = _directory.Combine("rsa-ca.pem"), PrivateKeyPemPath = _directory.Combine("rsa-ca.key") };
        TestCertificates.WritePemPair(source, options.CertificatePemPath, options.PrivateKeyPemPath);

        using var authority = TestAuthorities.Load(options, _directory, _time);

        Assert.Equal(source.Thumbprint, authority.Certificate.Thumbprint);
    }

    [Fact]
    public void A_configured_CA_is_used_instead_of_generating_one_in_the_data_folder()
    {
        using var source = TestCertificates.CreateValidCa(_time);
        var options = new CertificateAuthorityOptions { PfxPath = _directory.Combine("org-ca.pfx") };
        TestCertificates.WritePfx(source, options.PfxPath, password: null);

        using var authority = TestAuthorities.Load(options, _directory, _time);

        Assert.False(Directory.Exists(_directory.Combine("ca")));
    }
}
