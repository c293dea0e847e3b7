using WebProxy.CertificateAuthority;
using WebProxy.Proxy;

namespace WebProxy.Host.Configuration;

/// <summary>
/// The whole configuration file (<c>webproxy.json</c>). Every property has a default, so the proxy starts
/// without a file at all; a file only names what differs.
/// </summary>
public sealed class WebProxySettings
{
    /// <summary>Folder for the CA, databases and snapshots; relative paths are relative to the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    public ProxyOptions Proxy { get; set; } = new();

    public AdminSettings Admin { get; set; } = new();

    public CertificateAuthorityOptions CertificateAuthority { get; set; } = new();

    public PolicySection Policy { get; set; } = new();

    public CategoriesSection Categories { get; set; } = new();

    public IdentitySection Identity { get; set; } = new();

    public StatisticsSection Statistics { get; set; } = new();

    public InvestigationsSection Investigations { get; set; } = new();

    /// <summary>The categories folder to use: the configured one, else the copy shipped next to the program.</summary>
    public string CategoriesDirectory => Path.GetFullPath(Categories.Directory ?? Path.Combine(AppContext.BaseDirectory, "categories"));
}
