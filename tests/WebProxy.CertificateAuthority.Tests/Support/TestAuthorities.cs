using Microsoft.Extensions.Logging.Abstractions;

namespace WebProxy.CertificateAuthority.Tests.Support;

/// <summary>Shortcuts to an organisation CA generated in a test's temporary data folder.</summary>
internal static class TestAuthorities
{
    public static OrganisationCertificateAuthority Generate(TempDirectory directory, TimeProvider time)
        => OrganisationCertificateAuthority.LoadOrCreate(new CertificateAuthorityOptions(), directory.Path, time, NullLogger.Instance);

    public static OrganisationCertificateAuthority Load(CertificateAuthorityOptions options, TempDirectory directory, TimeProvider time)
        => OrganisationCertificateAuthority.LoadOrCreate(options, directory.Path, time, NullLogger.Instance);
}
