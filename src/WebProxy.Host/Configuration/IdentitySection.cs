using WebProxy.Proxy.Identity;

namespace WebProxy.Host.Configuration;

/// <summary>Who the people are and whether the proxy asks them to sign in.</summary>
public sealed class IdentitySection
{
    /// <summary>
    /// WhenNeeded (default): anonymous browsing is allowed, and a person who wants an exemption applied signs in.
    /// Required: every request must carry valid credentials (407 otherwise). Off: credentials are ignored.
    /// </summary>
    public ProxyAuthenticationMode ProxyAuthentication { get; set; } = ProxyAuthenticationMode.WhenNeeded;

    /// <summary>The directory of people (format in README); <c>directory.json</c> in the data folder when not set.</summary>
    public string? DirectoryFile { get; set; }

    /// <summary>The longest period an exemption may cover, in days (issue 4: 90 by default).</summary>
    public int MaxExemptionDays { get; set; } = 90;

    /// <summary>
    /// How long an exemption is kept after it ended (ran out or was revoked), in days: at most 183, six months
    /// (article 7.1). The exemption goes, with the only copy of its reason; its governance records stay as evidence
    /// (who, what, when, granted by whom, and the reason's hash).
    /// </summary>
    public int ExemptionRetentionDays { get; set; } = 183;
}
