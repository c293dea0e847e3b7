namespace WebProxy.Proxy;

/// <summary>Settings of the proxy port. Defaults are what a municipality's workstations need out of the box.</summary>
public sealed class ProxyOptions
{
    /// <summary>Address the proxy listens on. Loopback by default: exposing a proxy is a decision, not a default.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 3128;

    /// <summary>
    /// Ports a CONNECT may reach besides 443, like Squid's SSL_ports. Everything else is refused, so the proxy
    /// cannot be used to tunnel to mail servers, SSH or other services.
    /// </summary>
    public List<int> ExtraConnectPorts { get; set; } = [];

    /// <summary>Offer HTTP/2 (ALPN h2) to clients inside intercepted tunnels, and use it to origins that offer it.</summary>
    public bool EnableHttp2 { get; set; } = true;

    /// <summary>Names pinned to addresses, consulted before DNS (for operators, and for tests on loopback).</summary>
    public Dictionary<string, string> Hosts { get; set; } = [];

    /// <summary>Optional PEM file with extra CA certificates trusted for origins, next to the system trust store.</summary>
    public string? UpstreamExtraCaFile { get; set; }

    /// <summary>
    /// Where workstations reach the proxy port itself, for links on block pages (the regulation text). When not set,
    /// the host fills in the address the proxy listens on.
    /// </summary>
    public string? ProxyUrlForClients { get; set; }

    /// <summary>Where workstations reach the admin port, for the links on the proxy's own page (PAC file, CA certificate).</summary>
    public string? AdminUrlForClients { get; set; }

    public ProxyLimits Limits { get; set; } = new();
}
