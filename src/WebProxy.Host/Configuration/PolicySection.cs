using WebProxy.Policy.Rules;

namespace WebProxy.Host.Configuration;

/// <summary>The regulation's rules as configured: interception and the size limits of articles 5.3, 5.4 and 5.6.</summary>
public sealed class PolicySection
{
    /// <summary>
    /// BlockedOnly (default): HTTPS is tunnelled blind and only a blocked host is intercepted, to show the block page;
    /// article 6.3 asks for traffic data, not content, by default. All: every HTTPS request is decrypted and judged on
    /// its full URL. None: nothing is decrypted; blocked HTTPS hosts are refused at CONNECT.
    /// </summary>
    public InterceptionMode InterceptionMode { get; set; } = InterceptionMode.BlockedOnly;

    /// <summary>
    /// Largest download in bytes without prior consultation with the Technical Architect (article 5.4); null for none.
    /// 1 GiB by default: larger than any ordinary document or installer a workstation needs.
    /// </summary>
    public long? DownloadLimitBytes { get; set; } = 1L << 30;

    /// <summary>
    /// Largest upload in bytes (articles 5.3 and 5.6: webmail counts as e-mail); null for none. 25 MiB by default,
    /// the attachment limit of common mail systems.
    /// </summary>
    public long? UploadLimitBytes { get; set; } = 25L << 20;
}
