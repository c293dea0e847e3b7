using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WebProxy.CertificateAuthority.Tests.Support;

/// <summary>Builds a chain the way a client that trusts only the organisation CA would, at a chosen time.</summary>
internal static class ChainVerifier
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");

    public static X509ChainStatusFlags[] Verify(X509Certificate2 leaf, X509Certificate2 trustedCa, DateTimeOffset at, X509Certificate2Collection? received = null)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(trustedCa);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = at.UtcDateTime;
        chain.ChainPolicy.ApplicationPolicy.Add(ServerAuthentication);
        if (received is not null)
        {
            chain.ChainPolicy.ExtraStore.AddRange(received);
        }

        var built = chain.Build(leaf);
        var problems = chain.ChainStatus.Select(status => status.Status).Where(status => status != X509ChainStatusFlags.NoError).ToArray();
        if (built && chain.ChainElements.Count == 2 && chain.ChainElements[1].Certificate.Thumbprint == trustedCa.Thumbprint)
        {
            return problems;
        }

        return problems.Length > 0 ? problems : [X509ChainStatusFlags.PartialChain];
    }
}
