namespace WebProxy.Policy.Rules;

/// <summary>The configurable part of the policy (the host maps its configuration section onto this).</summary>
public sealed record PolicySettings
{
    /// <summary>The default settings: <see cref="InterceptionMode.BlockedOnly"/>, CONNECT to port 443 only, no size limits.</summary>
    public static PolicySettings Default { get; } = new();

    /// <summary>What happens to the TLS inside an allowed CONNECT; <see cref="InterceptionMode.BlockedOnly"/> by default.</summary>
    public InterceptionMode InterceptionMode { get; init; } = InterceptionMode.BlockedOnly;

    /// <summary>The ports a CONNECT may name (like Squid's <c>SSL_ports</c>); 443 by default. Others are refused.</summary>
    public IReadOnlyCollection<int> AllowedConnectPorts { get; init; } = [443];

    /// <summary>The largest response body a client may download, in bytes (article 5.4); null for no limit.</summary>
    public long? DownloadLimitBytes { get; init; }

    /// <summary>The largest request body a client may send, in bytes (articles 5.3 and 5.6); null for no limit.</summary>
    public long? UploadLimitBytes { get; init; }
}
