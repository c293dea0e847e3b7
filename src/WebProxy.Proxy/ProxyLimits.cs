namespace WebProxy.Proxy;

/// <summary>Size, count and time bounds of the proxy port.</summary>
public sealed class ProxyLimits
{
    /// <summary>Largest CONNECT request head (request line and headers) accepted; larger gets 431.</summary>
    public int MaxConnectHeadBytes { get; set; } = 16 * 1024;

    /// <summary>Largest request line of a proxied request; larger gets 414 from Kestrel.</summary>
    public int MaxRequestLineBytes { get; set; } = 16 * 1024;

    /// <summary>Largest total of request headers; larger gets 431 from Kestrel.</summary>
    public int MaxRequestHeadersBytes { get; set; } = 64 * 1024;

    /// <summary>Concurrent client connections; further connections wait in the accept queue.</summary>
    public long MaxConnections { get; set; } = 10_000;

    /// <summary>Idle time after which a kept-alive client connection is closed.</summary>
    public TimeSpan ClientKeepAliveTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Time a client has to send a complete request head.</summary>
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time without a byte in either direction after which a blind tunnel is closed.</summary>
    public TimeSpan TunnelIdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Time to establish a TCP connection to an origin.</summary>
    public TimeSpan UpstreamConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Time an origin has to send its response headers.</summary>
    public TimeSpan UpstreamResponseHeadersTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Idle time after which a pooled origin connection is closed.</summary>
    public TimeSpan UpstreamPooledConnectionIdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Time given to open requests and tunnels to finish on shutdown before they are cut.</summary>
    public TimeSpan ShutdownDrainTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
