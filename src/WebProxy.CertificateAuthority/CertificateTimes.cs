using System.Security.Cryptography.X509Certificates;

namespace WebProxy.CertificateAuthority;

/// <summary>
/// <see cref="X509Certificate2.NotBefore"/> and <see cref="X509Certificate2.NotAfter"/> are local-time
/// <see cref="DateTime"/>s; these turn them into instants comparable with <see cref="TimeProvider.GetUtcNow"/>.
/// </summary>
internal static class CertificateTimes
{
    public static DateTimeOffset NotBefore(X509Certificate2 certificate) => new(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);

    public static DateTimeOffset NotAfter(X509Certificate2 certificate) => new(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
}
