using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace WebProxy.Proxy.Forwarding;

/// <summary>
/// Validates origin certificates during interception against the system trust store plus an optional extra
/// CA file, and remembers why a certificate was refused so the error page can say so. An invalid certificate
/// is never accepted: the proxy would otherwise vouch, with the organisation CA, for a site it cannot verify.
/// </summary>
internal sealed class UpstreamCertificateValidator
{
    private readonly X509Certificate2Collection _extraRoots;

    // Keyed by the host the TLS client asked for. SocketsHttpHandler opens connections independently of the
    // request that needs them, so the verdict cannot travel with the request; the forwarder picks it up by host.
    private readonly ConcurrentDictionary<string, UpstreamTlsFailure> _lastFailures = new(StringComparer.OrdinalIgnoreCase);

    public UpstreamCertificateValidator(X509Certificate2Collection extraRoots)
    {
        _extraRoots = extraRoots;
    }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        var host = (sender as SslStream)?.TargetHostName ?? string.Empty;
        var failure = Judge(certificate, chain, errors);
        if (failure is null)
        {
            _lastFailures.TryRemove(host, out _);
            return true;
        }

        _lastFailures[host] = failure.Value;
        return false;
    }

    /// <summary>The reason the last handshake with <paramref name="host"/> was refused, if one was.</summary>
    public UpstreamTlsFailure? LastFailure(string host) =>
        _lastFailures.TryGetValue(host, out var failure) ? failure : null;

    private UpstreamTlsFailure? Judge(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return null;
        }

        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return UpstreamTlsFailure.Missing;
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return UpstreamTlsFailure.WrongHost;
        }

        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        if (chain is not null && chain.ChainStatus.Any(s => s.Status == X509ChainStatusFlags.NotTimeValid))
        {
            return UpstreamTlsFailure.Expired;
        }

        if (_extraRoots.Count > 0 && ChainsToExtraRoot(leaf, chain))
        {
            return null;
        }

        return leaf.SubjectName.RawData.AsSpan().SequenceEqual(leaf.IssuerName.RawData)
            ? UpstreamTlsFailure.SelfSigned
            : UpstreamTlsFailure.Untrusted;
    }

    private bool ChainsToExtraRoot(X509Certificate2 leaf, X509Chain? presented)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_extraRoots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.1"));
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return chain.Build(leaf);
    }
}
