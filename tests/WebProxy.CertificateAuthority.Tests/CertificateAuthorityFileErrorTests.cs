using System.Security.Cryptography.X509Certificates;
using WebProxy.CertificateAuthority.Tests.Support;

namespace WebProxy.CertificateAuthority.Tests;

/// <summary>Each unusable CA file stops start-up with a message that names the file and the problem.</summary>
public sealed class CertificateAuthorityFileErrorTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly ManualTimeProvider _time = new();
    private readonly string _certificatePath;
    private readonly string _keyPath;
    private readonly string _pfxPath;

    public CertificateAuthorityFileErrorTests()
    {
        _certificatePath = _directory.Combine("org-ca.pem");
        _keyPath = _directory.Combine("org-ca.key");
        _pfxPath = _directory.Combine("org-ca.pfx");
    }

    private CertificateAuthorityOptions PemOptions => new() { CertificatePemPath = _certificatePath, PrivateKeyPemPath = _keyPath };

    private CertificateAuthorityOptions PfxOptions => new() { PfxPath = _pfxPath, PfxPassword = "geheim" };

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_missing_certificate_file_is_named_as_missing()
    {
        using var source = TestCertificates.CreateValidCa(_time);
        File.WriteAllText(_keyPath, TestCertificates.PrivateKeyPem(source));

        AssertRefused(PemOptions, _certificatePath, "does not exist");
    }

    [Fact]
    public void A_missing_key_file_is_named_as_missing()
    {
        using var source = TestCertificates.CreateValidCa(_time);
        File.WriteAllText(_certificatePath, source.ExportCertificatePem());

        AssertRefused(PemOptions, _keyPath, "does not exist");
    }

    [Fact]
    public void A_missing_PFX_file_is_named_as_missing()
    {
        AssertRefused(PfxOptions, _pfxPath, "does not exist");
    }

    [Fact]
    public void A_certificate_file_without_a_PEM_certificate_is_named_as_unreadable()
    {
        using var source = TestCertificates.CreateValidCa(_time);
        File.WriteAllText(_certificatePath, "this is not a certificate");
        File.WriteAllText(_keyPath, TestCertificates.PrivateKeyPem(source));

        AssertRefused(PemOptions, _certificatePath, "readable PEM certificate");
    }

    [Fact]
    public void A_key_file_without_a_private_key_is_named_as_unusable()
    {
        using var source = TestCertificates.CreateValidCa(_time);
        File.WriteAllText(_certificatePath, source.ExportCertificatePem());
        File.WriteAllText(_keyPath, source.ExportCertificatePem());

        AssertRefused(PemOptions, _keyPath, "usable private key");
    }

    [Fact]
    public void A_key_of_another_CA_is_named_as_not_matching_the_certificate()
    {
        using var source = TestCertificates.CreateValidCa(_time);
        using var other = TestCertificates.CreateValidCa(_time);
        File.WriteAllText(_certificatePath, source.ExportCertificatePem());
        File.WriteAllText(_keyPath, TestCertificates.PrivateKeyPem(other));

        AssertRefused(PemOptions, _keyPath, "does not match");
    }

    [Fact]
    public void A_certificate_with_CA_false_is_named_as_not_a_CA_certificate()
    {
        var now = _time.GetUtcNow();
        using var endEntity = TestCertificates.CreateCa(now.AddDays(-1), now.AddYears(1), isCertificateAuthority: false);
        TestCertificates.WritePemPair(endEntity, _certificatePath, _keyPath);

        AssertRefused(PemOptions, _certificatePath, "not a CA certificate");
    }

    [Fact]
    public void A_certificate_without_basic_constraints_is_named_as_not_a_CA_certificate()
    {
        var now = _time.GetUtcNow();
        using var plain = TestCertificates.CreateCa(now.AddDays(-1), now.AddYears(1), includeBasicConstraints: false);
        TestCertificates.WritePfx(plain, _pfxPath, "geheim");

        AssertRefused(PfxOptions, _pfxPath, "not a CA certificate");
    }

    [Fact]
    public void A_CA_whose_key_usage_forbids_signing_certificates_is_refused()
    {
        var now = _time.GetUtcNow();
        using var crlOnly = TestCertificates.CreateCa(now.AddDays(-1), now.AddYears(1), keyUsage: X509KeyUsageFlags.CrlSign);
        TestCertificates.WritePemPair(crlOnly, _certificatePath, _keyPath);

        AssertRefused(PemOptions, _certificatePath, "keyCertSign");
    }

    [Fact]
    public void A_PFX_without_a_private_key_is_named_as_lacking_one()
    {
        using var source = TestCertificates.CreateValidCa(_time);
        using var publicOnly = X509CertificateLoader.LoadCertificate(source.RawData);
        TestCertificates.WritePfx(publicOnly, _pfxPath, "geheim");

        AssertRefused(PfxOptions, _pfxPath, "no private key");
    }

    [Fact]
    public void A_PFX_with_the_wrong_password_is_named_as_unopenable()
    {
        using var source = TestCertificates.CreateValidCa(_time);
        TestCertificates.WritePfx(source, _pfxPath, "een ander wachtwoord");

        AssertRefused(PfxOptions, _pfxPath, "password is wrong");
    }

    [Fact]
    public void An_expired_CA_is_named_as_expired_by_the_injected_clock()
    {
        var now = _time.GetUtcNow();
        using var expired = TestCertificates.CreateCa(now.AddYears(-3), now.AddDays(-1));
        TestCertificates.WritePemPair(expired, _certificatePath, _keyPath);

        AssertRefused(PemOptions, _certificatePath, "expired");
    }

    [Fact]
    public void A_CA_that_is_not_valid_yet_is_named_as_not_valid_yet()
    {
        var now = _time.GetUtcNow();
        using var future = TestCertificates.CreateCa(now.AddDays(2), now.AddYears(2));
        TestCertificates.WritePfx(future, _pfxPath, "geheim");

        AssertRefused(PfxOptions, _pfxPath, "not valid yet");
    }

    [Fact]
    public void Configuring_only_the_certificate_PEM_names_the_missing_key_setting()
    {
        AssertRefused(new CertificateAuthorityOptions { CertificatePemPath = _certificatePath }, _certificatePath, "configure both");
    }

    [Fact]
    public void Configuring_both_PEM_files_and_a_PFX_is_refused_as_ambiguous()
    {
        var options = PemOptions;
        options.PfxPath = _pfxPath;

        AssertRefused(options, _pfxPath, "one or the other");
    }

    private void AssertRefused(CertificateAuthorityOptions options, string expectedPath, string expectedProblem)
    {
        var error = Assert.Throws<CertificateAuthorityException>(() => TestAuthorities.Load(options, _directory, _time));

        Assert.Contains($"'{expectedPath}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(expectedProblem, error.Message, StringComparison.Ordinal);
    }
}
