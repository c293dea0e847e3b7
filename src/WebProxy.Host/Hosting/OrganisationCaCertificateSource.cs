using WebProxy.Admin;
using WebProxy.CertificateAuthority;

namespace WebProxy.Host.Hosting;

/// <summary>Hands the admin port the public half of the organisation CA, and nothing else of it.</summary>
internal sealed class OrganisationCaCertificateSource : ICaCertificateSource
{
    private readonly OrganisationCertificateAuthority _authority;

    public OrganisationCaCertificateSource(OrganisationCertificateAuthority authority)
    {
        _authority = authority;
    }

    public string CertificatePem => _authority.CertificatePem;

    public byte[] CertificateDer => _authority.CertificateDer;
}
