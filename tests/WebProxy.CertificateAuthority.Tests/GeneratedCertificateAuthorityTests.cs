using System.Runtime.Versioning;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using WebProxy.CertificateAuthority.Tests.Support;

namespace WebProxy.CertificateAuthority.Tests;

public sealed class GeneratedCertificateAuthorityTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly ManualTimeProvider _time = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Without_configured_files_a_CA_is_generated_in_the_ca_folder_of_the_data_directory()
    {
        using var authority = TestAuthorities.Generate(_directory, _time);

        Assert.True(File.Exists(Path.Combine(_directory.Path, "ca", "ca.pem")));
        Assert.True(File.Exists(Path.Combine(_directory.Path, "ca", "ca.key.pem")));
        Assert.Contains("-----BEGIN PRIVATE KEY-----", File.ReadAllText(Path.Combine(_directory.Path, "ca", "ca.key.pem")), StringComparison.Ordinal);
        Assert.True(authority.Certificate.HasPrivateKey);
    }

    [Fact]
    public void The_generated_CA_is_a_self_signed_P256_CA_limited_to_signing_end_entities()
    {
        using var authority = TestAuthorities.Generate(_directory, _time);
        var certificate = authority.Certificate;

        Assert.Equal("CN=WebProxy Organisation CA, O=WebProxy", certificate.Subject);
        Assert.Equal(certificate.Subject, certificate.Issuer);
        using var publicKey = certificate.GetECDsaPublicKey();
        Assert.NotNull(publicKey);
        Assert.Equal("1.2.840.10045.3.1.7", publicKey.ExportParameters(false).Curve.Oid.Value);

        var basicConstraints = Assert.Single(certificate.Extensions.OfType<X509BasicConstraintsExtension>());
        Assert.True(basicConstraints.CertificateAuthority);
        Assert.True(basicConstraints.HasPathLengthConstraint);
        Assert.Equal(0, basicConstraints.PathLengthConstraint);
        Assert.True(basicConstraints.Critical);

        var keyUsage = Assert.Single(certificate.Extensions.OfType<X509KeyUsageExtension>());
        Assert.Equal(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, keyUsage.KeyUsages);
        Assert.True(keyUsage.Critical);

        Assert.Single(certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>());
    }

    [Fact]
    public void The_generated_CA_is_valid_for_ten_years_from_the_current_time()
    {
        using var authority = TestAuthorities.Generate(_directory, _time);
        var now = _time.GetUtcNow();

        Assert.Equal(now.AddYears(10).UtcDateTime, authority.Certificate.NotAfter.ToUniversalTime());
        Assert.True(authority.Certificate.NotBefore.ToUniversalTime() <= now.UtcDateTime);
    }

    [Fact]
    public void The_configured_names_become_the_subject_of_a_generated_CA_even_with_a_comma()
    {
        var options = new CertificateAuthorityOptions { CommonName = "Gemeente Voorbeeld, ICT CA", Organisation = "Gemeente Voorbeeld" };
        using var authority = TestAuthorities.Load(options, _directory, _time);

        var commonName = authority.Certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        Assert.Equal("Gemeente Voorbeeld, ICT CA", commonName);
        Assert.EndsWith("O=Gemeente Voorbeeld", authority.Certificate.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void The_second_start_loads_the_same_CA_instead_of_generating_a_new_one()
    {
        var firstLogger = new ListLogger();
        var secondLogger = new ListLogger();
        string firstThumbprint;
        using (var first = OrganisationCertificateAuthority.LoadOrCreate(new CertificateAuthorityOptions(), _directory.Path, _time, firstLogger))
        {
            firstThumbprint = first.Certificate.Thumbprint;
        }

        _time.Advance(TimeSpan.FromDays(30));
        using var second = OrganisationCertificateAuthority.LoadOrCreate(new CertificateAuthorityOptions(), _directory.Path, _time, secondLogger);

        Assert.Equal(firstThumbprint, second.Certificate.Thumbprint);
        Assert.True(second.Certificate.HasPrivateKey);
        Assert.Contains(firstLogger.Entries, entry => entry.EventId.Id == 2001);
        Assert.DoesNotContain(secondLogger.Entries, entry => entry.EventId.Id == 2001);
    }

    [UnixOnlyFact]
    [UnsupportedOSPlatform("windows")]
    public void The_key_file_is_readable_by_the_owner_only_and_so_is_the_ca_folder()
    {
        using var authority = TestAuthorities.Generate(_directory, _time);

        var keyMode = File.GetUnixFileMode(Path.Combine(_directory.Path, "ca", "ca.key.pem"));
        var directoryMode = File.GetUnixFileMode(Path.Combine(_directory.Path, "ca"));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, keyMode);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, directoryMode);
    }

    [UnixOnlyFact]
    [UnsupportedOSPlatform("windows")]
    public void A_key_file_open_to_the_group_is_still_loaded_but_with_a_warning_naming_it()
    {
        using (TestAuthorities.Generate(_directory, _time))
        {
        }

        var keyPath = Path.Combine(_directory.Path, "ca", "ca.key.pem");
        File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var logger = new ListLogger();

        using var authority = OrganisationCertificateAuthority.LoadOrCreate(new CertificateAuthorityOptions(), _directory.Path, _time, logger);

        var warning = Assert.Single(logger.Entries, entry => entry.Level == LogLevel.Warning);
        Assert.Equal(2003, warning.EventId.Id);
        Assert.Contains(keyPath, warning.Message, StringComparison.Ordinal);
        Assert.Contains("640", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_downloadable_PEM_and_DER_forms_hold_the_public_certificate_only()
    {
        using var authority = TestAuthorities.Generate(_directory, _time);

        Assert.StartsWith("-----BEGIN CERTIFICATE-----", authority.CertificatePem, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", authority.CertificatePem, StringComparison.Ordinal);
        using var fromDer = X509CertificateLoader.LoadCertificate(authority.CertificateDer);
        Assert.False(fromDer.HasPrivateKey);
        Assert.Equal(authority.Certificate.Thumbprint, fromDer.Thumbprint);
        using var fromPem = X509Certificate2.CreateFromPem(authority.CertificatePem);
        Assert.Equal(authority.Certificate.Thumbprint, fromPem.Thumbprint);
    }

    [Fact]
    public void A_key_file_left_without_its_certificate_stops_start_up_rather_than_being_overwritten()
    {
        using (TestAuthorities.Generate(_directory, _time))
        {
        }

        var certificatePath = Path.Combine(_directory.Path, "ca", "ca.pem");
        var keyPath = Path.Combine(_directory.Path, "ca", "ca.key.pem");
        var keyBefore = File.ReadAllText(keyPath);
        File.Delete(certificatePath);

        var error = Assert.Throws<CertificateAuthorityException>(() => TestAuthorities.Generate(_directory, _time));

        Assert.Contains(keyPath, error.Message, StringComparison.Ordinal);
        Assert.Equal(keyBefore, File.ReadAllText(keyPath));
    }

    [Fact]
    public void A_generated_CA_that_has_expired_is_refused_at_start_up_naming_its_file()
    {
        using (TestAuthorities.Generate(_directory, _time))
        {
        }

        _time.Advance(TimeSpan.FromDays(3660));

        var error = Assert.Throws<CertificateAuthorityException>(() => TestAuthorities.Generate(_directory, _time));

        Assert.Contains(Path.Combine(_directory.Path, "ca", "ca.pem"), error.Message, StringComparison.Ordinal);
        Assert.Contains("expired", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_CA_close_to_expiry_is_loaded_with_a_warning()
    {
        using (TestAuthorities.Generate(_directory, _time))
        {
        }

        _time.Set(ManualTimeProvider.DefaultStart.AddYears(10).AddDays(-10));
        var logger = new ListLogger();

        using var authority = OrganisationCertificateAuthority.LoadOrCreate(new CertificateAuthorityOptions(), _directory.Path, _time, logger);

        Assert.Contains(logger.Entries, entry => entry.EventId.Id == 2004 && entry.Level == LogLevel.Warning);
    }
}
