using System.Net;
using WebProxy.Policy.Hosts;

namespace WebProxy.Host.Configuration;

/// <summary>Checks values that parse but make no sense, before anything starts listening.</summary>
internal static class SettingsValidator
{
    public static List<SettingsProblem> Validate(WebProxySettings settings)
    {
        var problems = new List<SettingsProblem>();
        void Check(bool ok, string field, string message)
        {
            if (!ok)
            {
                problems.Add(new SettingsProblem(field, message));
            }
        }

        var proxy = settings.Proxy;
        Check(!string.IsNullOrWhiteSpace(settings.DataDirectory), "DataDirectory", "must name a folder");
        Check(IPAddress.TryParse(proxy.ListenAddress, out _), "Proxy.ListenAddress", $"'{proxy.ListenAddress}' is not an IP address");
        Check(proxy.Port is >= 0 and <= 65535, "Proxy.Port", "must be a TCP port from 0 to 65535");
        for (var i = 0; i < proxy.ExtraConnectPorts.Count; i++)
        {
            Check(proxy.ExtraConnectPorts[i] is >= 1 and <= 65535, $"Proxy.ExtraConnectPorts[{i}]", "must be a TCP port from 1 to 65535");
        }

        foreach (var (name, address) in proxy.Hosts)
        {
            Check(HostNames.TryNormalise(name, out _, out _), $"Proxy.Hosts.{name}", "is not a valid host name");
            Check(IsStrictAddress(address), $"Proxy.Hosts.{name}", $"'{address}' is not an IP address (a dotted quad or an IPv6 address)");
        }

        if (proxy.UpstreamExtraCaFile is { } caFile)
        {
            Check(File.Exists(caFile), "Proxy.UpstreamExtraCaFile", $"the file '{caFile}' does not exist");
        }

        Check(proxy.AdminUrlForClients is null || Uri.TryCreate(proxy.AdminUrlForClients, UriKind.Absolute, out _), "Proxy.AdminUrlForClients", "must be an absolute URL");
        Check(proxy.ProxyUrlForClients is null || Uri.TryCreate(proxy.ProxyUrlForClients, UriKind.Absolute, out _), "Proxy.ProxyUrlForClients", "must be an absolute URL");

        var limits = proxy.Limits;
        Check(limits.MaxConnectHeadBytes >= 1024, "Proxy.Limits.MaxConnectHeadBytes", "must be at least 1024");
        Check(limits.MaxRequestLineBytes >= 1024, "Proxy.Limits.MaxRequestLineBytes", "must be at least 1024");
        Check(limits.MaxRequestHeadersBytes >= 1024, "Proxy.Limits.MaxRequestHeadersBytes", "must be at least 1024");
        Check(limits.MaxConnections >= 1, "Proxy.Limits.MaxConnections", "must be at least 1");
        CheckPositive(problems, limits.ClientKeepAliveTimeout, "Proxy.Limits.ClientKeepAliveTimeout");
        CheckPositive(problems, limits.RequestHeadersTimeout, "Proxy.Limits.RequestHeadersTimeout");
        CheckPositive(problems, limits.TunnelIdleTimeout, "Proxy.Limits.TunnelIdleTimeout");
        CheckPositive(problems, limits.UpstreamConnectTimeout, "Proxy.Limits.UpstreamConnectTimeout");
        CheckPositive(problems, limits.UpstreamResponseHeadersTimeout, "Proxy.Limits.UpstreamResponseHeadersTimeout");
        CheckPositive(problems, limits.UpstreamPooledConnectionIdleTimeout, "Proxy.Limits.UpstreamPooledConnectionIdleTimeout");
        CheckPositive(problems, limits.ShutdownDrainTimeout, "Proxy.Limits.ShutdownDrainTimeout");

        var admin = settings.Admin;
        Check(IPAddress.TryParse(admin.ListenAddress, out _), "Admin.ListenAddress", $"'{admin.ListenAddress}' is not an IP address");
        Check(admin.Port is >= 0 and <= 65535, "Admin.Port", "must be a TCP port from 0 to 65535");
        for (var i = 0; i < admin.DirectDomains.Count; i++)
        {
            Check(HostNames.TryNormalise(admin.DirectDomains[i], out _, out _), $"Admin.DirectDomains[{i}]", $"'{admin.DirectDomains[i]}' is not a valid domain name");
        }

        Check(TimeZoneInfo.TryFindSystemTimeZoneById(admin.TimeZone, out _), "Admin.TimeZone", $"'{admin.TimeZone}' is not a time zone known to this system (an IANA id such as Europe/Amsterdam)");
        CheckAdminHttps(problems, admin);

        var policy = settings.Policy;
        Check(Enum.IsDefined(policy.InterceptionMode), "Policy.InterceptionMode", "must be BlockedOnly, All or None");
        Check(policy.DownloadLimitBytes is null or > 0, "Policy.DownloadLimitBytes", "must be a positive number of bytes, or null for no limit");
        Check(policy.UploadLimitBytes is null or > 0, "Policy.UploadLimitBytes", "must be a positive number of bytes, or null for no limit");
        if (settings.Categories.Directory is { } categories)
        {
            Check(System.IO.Directory.Exists(categories), "Categories.Directory", $"the folder '{categories}' does not exist");
        }

        Check(Enum.IsDefined(settings.Identity.ProxyAuthentication), "Identity.ProxyAuthentication", "must be WhenNeeded, Required or Off");
        Check(settings.Identity.MaxExemptionDays is >= 1 and <= 366, "Identity.MaxExemptionDays", "must be 1-366 days");
        Check(settings.Identity.ExemptionRetentionDays is >= 0 and <= 183, "Identity.ExemptionRetentionDays",
            "must be 0-183 days: personal data is deleted after six months at most (article 7.1)");
        if (settings.Identity.DirectoryFile is { } directoryFile)
        {
            Check(File.Exists(directoryFile), "Identity.DirectoryFile", $"the file '{directoryFile}' does not exist");
        }

        var statistics = settings.Statistics;
        Check(statistics.FlushInterval >= TimeSpan.FromMilliseconds(100) && statistics.FlushInterval <= TimeSpan.FromMinutes(10),
            "Statistics.FlushInterval", "must be between 00:00:00.1 and 00:10:00");
        Check(statistics.RetentionDays is >= 1 and <= 3660, "Statistics.RetentionDays", "must be 1-3660 days");
        Check(statistics.KAnonymity is >= 2 and <= 1000, "Statistics.KAnonymity", "must be 2-1000 (1 would name sites seen from a single client)");
        if (statistics.PublicSuffixListFile is { } suffixes)
        {
            Check(File.Exists(suffixes), "Statistics.PublicSuffixListFile", $"the file '{suffixes}' does not exist");
        }

        Check(settings.Investigations.MaxPeriodDays is >= 1 and <= 14, "Investigations.MaxPeriodDays", "must be 1-14 days (article 6.2: a fixed, short period)");
        Check(settings.Investigations.RetentionDays is >= 1 and <= 183, "Investigations.RetentionDays",
            "must be 1-183 days: personal data is deleted after six months at most (article 7.1); a legal hold keeps one investigation longer");

        Check(settings.Investigations.ClosedGraceDays >= 0 && settings.Investigations.ClosedGraceDays <= settings.Investigations.RetentionDays,
            "Investigations.ClosedGraceDays", "must be 0 up to Investigations.RetentionDays");

        var ca = settings.CertificateAuthority;
        Check(ca.CertificatePemPath is null == ca.PrivateKeyPemPath is null, "CertificateAuthority.CertificatePemPath", "CertificatePemPath and PrivateKeyPemPath go together");
        Check(ca.PfxPath is null || ca.CertificatePemPath is null, "CertificateAuthority.PfxPath", "name either a PFX file or a PEM pair, not both");
        Check(ca.LeafValidity >= TimeSpan.FromHours(2) && ca.LeafValidity <= TimeSpan.FromDays(397), "CertificateAuthority.LeafValidity",
            "must be between 2 hours and 397 days (browsers refuse longer-lived certificates)");
        Check(ca.LeafCacheCapacity >= 16, "CertificateAuthority.LeafCacheCapacity", "must be at least 16");
        return problems;
    }

    private static void CheckAdminHttps(List<SettingsProblem> problems, AdminSettings admin)
    {
        void Check(bool ok, string field, string message)
        {
            if (!ok)
            {
                problems.Add(new SettingsProblem(field, message));
            }
        }

        Check(Enum.IsDefined(admin.Https), "Admin.Https", "must be Off, OrganisationCa or Certificate");
        var onNetwork = IPAddress.TryParse(admin.ListenAddress, out var address) && !IPAddress.IsLoopback(address);
        Check(admin.Https != AdminHttpsMode.Off || !onNetwork || admin.AllowPlainHttpOnNetwork, "Admin.Https",
            $"the admin port listens on {admin.ListenAddress}, beyond this machine, where sign-in passwords and session cookies would cross the network " +
            "readable; set OrganisationCa (a certificate from the organisation CA, which workstations trust already) or Certificate, or set " +
            "Admin.AllowPlainHttpOnNetwork to true when a TLS proxy stands in front");
        for (var i = 0; i < admin.HttpsHostNames.Count; i++)
        {
            var name = admin.HttpsHostNames[i];
            Check(IPAddress.TryParse(name, out _) || HostNames.TryNormalise(name, out _, out _), $"Admin.HttpsHostNames[{i}]", $"'{name}' is not a host name or IP address");
        }

        if (admin.Https == AdminHttpsMode.Certificate)
        {
            Check(admin.HttpsCertificatePemPath is not null && File.Exists(admin.HttpsCertificatePemPath), "Admin.HttpsCertificatePemPath",
                admin.HttpsCertificatePemPath is null ? "Admin.Https is Certificate: name the certificate's PEM file" : $"the file '{admin.HttpsCertificatePemPath}' does not exist");
            Check(admin.HttpsPrivateKeyPemPath is not null && File.Exists(admin.HttpsPrivateKeyPemPath), "Admin.HttpsPrivateKeyPemPath",
                admin.HttpsPrivateKeyPemPath is null ? "Admin.Https is Certificate: name the private key's PEM file" : $"the file '{admin.HttpsPrivateKeyPemPath}' does not exist");
        }
    }

    /// <summary>
    /// <see cref="IPAddress.TryParse(string?, out IPAddress?)"/> also accepts "10.0.0" and "12345" (inet_aton forms);
    /// in a configuration file those are typos, so only four dotted parts or an IPv6 address count.
    /// </summary>
    private static bool IsStrictAddress(string address) =>
        IPAddress.TryParse(address, out var parsed)
        && (parsed.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 || address.Count(c => c == '.') == 3);

    private static void CheckPositive(List<SettingsProblem> problems, TimeSpan value, string field)
    {
        if (value <= TimeSpan.Zero)
        {
            problems.Add(new SettingsProblem(field, "must be a positive duration such as \"00:00:30\""));
        }
    }
}
