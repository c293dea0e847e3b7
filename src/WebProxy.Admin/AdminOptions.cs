namespace WebProxy.Admin;

/// <summary>Settings of the admin port. Validated once, by <see cref="AdminServiceCollectionExtensions.AddWebProxyAdmin"/>.</summary>
public sealed class AdminOptions
{
    /// <summary>Configuration section these options are bound from; error messages name fields under it.</summary>
    public const string SectionName = "Admin";

    /// <summary>
    /// <c>host:port</c> of the proxy as workstations reach it, written into the PAC file
    /// (for example <c>proxy.gemeente.nl:3128</c>, or <c>[::1]:3128</c> for an IPv6 literal).
    /// </summary>
    public string ProxyAddressForClients { get; set; } = "127.0.0.1:3128";

    /// <summary>
    /// Domains the PAC file sends DIRECT, each with all its subdomains (<c>gemeente.nl</c> also covers
    /// <c>intranet.gemeente.nl</c>). Host names only: no wildcards, schemes, ports or IP addresses.
    /// </summary>
    public List<string> DirectDomains { get; set; } = [];

    /// <summary>
    /// Send plain host names, <c>localhost</c>, loopback and RFC 1918 addresses DIRECT. True by default:
    /// the proxy cannot usefully reach the workstation's own network for it.
    /// </summary>
    public bool DirectForPrivateNetworks { get; set; } = true;
}
