using System.Net;
using System.Net.Sockets;

namespace WebProxy.Statistics.Sites;

/// <summary>
/// Recognises a host that is an IP address. An address has no registrable domain (the Public Suffix List speaks of
/// names only), so the address itself is the site: its canonical text, IPv6 without brackets (RFC 5952 form), so
/// that every spelling of one address counts as one site.
/// </summary>
internal static class IpLiteral
{
    /// <summary>
    /// True when <paramref name="host"/> is written as an address: bracketed or containing <c>:</c> (IPv6), or only
    /// digits and dots (IPv4, read as <c>inet_aton</c> and browsers do, so <c>010.1</c> is 8.0.0.1). Then
    /// <paramref name="address"/> is the canonical text, or null when it is no valid address.
    /// </summary>
    /// <param name="host">The host without a trailing dot.</param>
    /// <param name="original">The caller's string, returned as is when it is already canonical.</param>
    /// <param name="address">The canonical address text, or null.</param>
    public static bool TryRead(ReadOnlySpan<char> host, string original, out string? address)
    {
        address = null;
        var bracketed = host.StartsWith('[');
        var v6 = bracketed || host.Contains(':');
        if (!v6 && host.ContainsAnyExcept("0123456789."))
        {
            return false;
        }

        if (bracketed)
        {
            if (!host.EndsWith(']'))
            {
                return true;
            }

            host = host[1..^1];
        }

        if (!IPAddress.TryParse(host, out var parsed)
            || parsed.AddressFamily != (v6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork))
        {
            return true;
        }

        Span<char> text = stackalloc char[64];
        address = parsed.TryFormat(text, out var written) && text[..written].SequenceEqual(original)
            ? original
            : parsed.ToString();
        return true;
    }
}
