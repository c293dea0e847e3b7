namespace WebProxy.Policy.Connect;

/// <summary>The destination of a CONNECT request, normalised.</summary>
/// <param name="Host">Lower-case ASCII host name (punycode for IDN) or canonical IP literal without brackets.</param>
/// <param name="Port">TCP port, 1–65535.</param>
public sealed record ConnectTarget(string Host, int Port)
{
    /// <summary>True when <see cref="Host"/> is an IPv6 literal, which needs brackets in an authority.</summary>
    public bool IsIPv6 => Host.Contains(':', StringComparison.Ordinal);

    /// <summary>The authority as it appears in a request target or Host header (RFC 9110 §4.2.1).</summary>
    public string Authority => IsIPv6 ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    public override string ToString() => Authority;
}
