using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace WebProxy.ConnectLoad;

/// <summary>
/// Everything a connection needs, worked out once before the run: the address to dial (proxy or origin), the
/// CONNECT and GET requests as bytes, and the trust for the TLS handshake. Nothing here is resolved per request.
/// </summary>
internal sealed class LoadTarget
{
    private readonly X509ChainPolicy? _chainPolicy;

    private LoadTarget(LoadOptions options, IPEndPoint dial, X509ChainPolicy? chainPolicy)
    {
        Options = options;
        Dial = dial;
        _chainPolicy = chainPolicy;
        ViaProxy = options.ProxyHost is not null;

        // RFC 9110 §9.3.6: CONNECT names the authority, and Host repeats it.
        ConnectRequest = Encoding.ASCII.GetBytes($"CONNECT {options.Authority} HTTP/1.1\r\nHost: {options.Authority}\r\n\r\n");
        var connection = options.Mode == LoadMode.NewConnection ? "Connection: close\r\n" : string.Empty;
        Request = Encoding.ASCII.GetBytes(
            $"GET {options.Path} HTTP/1.1\r\nHost: {options.Authority}\r\nUser-Agent: webproxy-connectload\r\nAccept: */*\r\n{connection}\r\n");
    }

    public LoadOptions Options { get; }

    /// <summary>The proxy's address, or the origin's for a direct run.</summary>
    public IPEndPoint Dial { get; }

    public bool ViaProxy { get; }

    public ReadOnlyMemory<byte> ConnectRequest { get; }

    public ReadOnlyMemory<byte> Request { get; }

    public static async Task<LoadTarget> CreateAsync(LoadOptions options, CancellationToken cancellationToken)
    {
        var dial = options.ProxyHost is { } proxy
            ? new IPEndPoint(await ResolveAsync(proxy, cancellationToken).ConfigureAwait(false), options.ProxyPort)
            : new IPEndPoint(await ResolveAsync(options.TargetHost, cancellationToken).ConfigureAwait(false), options.TargetPort);

        X509ChainPolicy? policy = null;
        if (options.CaFile is { } caFile)
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(caFile);
            if (roots.Count == 0)
            {
                throw new InvalidOperationException($"{caFile} holds no certificate");
            }

            policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            policy.CustomTrustStore.AddRange(roots);
        }

        return new LoadTarget(options, dial, policy);
    }

    /// <summary>Fresh options per handshake: SslStream may keep a reference to the chain policy it validated with.</summary>
    public SslClientAuthenticationOptions CreateTlsOptions() => new()
    {
        TargetHost = Options.HostName,
        ApplicationProtocols = [SslApplicationProtocol.Http11],
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        CertificateChainPolicy = _chainPolicy?.Clone(),
    };

    /// <summary>An IP literal as is; a name through DNS once, IPv4 first (the load runs on 127.0.0.1).</summary>
    private static async Task<IPAddress> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            return literal;
        }

        var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
            ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException($"{host} has no address");
    }
}
