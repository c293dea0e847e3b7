namespace WebProxy.Host.Configuration;

/// <summary>Where the admin port listens. Loopback by default: it serves metrics and, later, personal data.</summary>
public sealed class AdminSettings
{
    public string ListenAddress { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 8081;

    /// <summary>The admin port's URL as workstations reach it (for PAC and CA links). Defaults to the listen address.</summary>
    public string? UrlForClients { get; set; }

    /// <summary>The proxy's address as workstations reach it, written into the PAC file. Defaults to the listen address.</summary>
    public string? ProxyAddressForClients { get; set; }

    /// <summary>Domains the PAC file sends DIRECT, bypassing the proxy (intranet sites).</summary>
    public List<string> DirectDomains { get; set; } = [];

    /// <summary>Whether the PAC file sends private networks and plain host names DIRECT.</summary>
    public bool DirectForPrivateNetworks { get; set; } = true;

    /// <summary>The time zone (IANA id) the manager pages show and read times in: the municipality's, whatever the server's.</summary>
    public string TimeZone { get; set; } = "Europe/Amsterdam";
}
