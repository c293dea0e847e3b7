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

    /// <summary>
    /// TLS on the admin port. People sign in there (HTTP Basic or a session cookie) and read personal data, so once it
    /// listens beyond this machine it must be encrypted: see <see cref="AllowPlainHttpOnNetwork"/>.
    /// </summary>
    public AdminHttpsMode Https { get; set; } = AdminHttpsMode.Off;

    /// <summary>
    /// The names the <see cref="AdminHttpsMode.OrganisationCa"/> certificate is issued for, the first being the one
    /// used when a client names none; by default the host of <see cref="UrlForClients"/>, <c>localhost</c> and the
    /// listen address.
    /// </summary>
    public List<string> HttpsHostNames { get; set; } = [];

    /// <summary>The certificate (PEM, with its chain) for <see cref="AdminHttpsMode.Certificate"/>.</summary>
    public string? HttpsCertificatePemPath { get; set; }

    /// <summary>Its private key (PEM) for <see cref="AdminHttpsMode.Certificate"/>.</summary>
    public string? HttpsPrivateKeyPemPath { get; set; }

    /// <summary>
    /// Plain HTTP on an address beyond loopback is refused at start unless this says a TLS-terminating proxy stands in
    /// front: passwords and session cookies would otherwise cross the network readable.
    /// </summary>
    public bool AllowPlainHttpOnNetwork { get; set; }
}
