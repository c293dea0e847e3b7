using System.Globalization;
using WebProxy.Policy.Hosts;

namespace WebProxy.Policy.Categories;

/// <summary>
/// Turns what a client asked for into a <see cref="CategoryRequest"/>: squidGuard's request-side normalisation
/// (<c>parseLine</c>): lower-case, drop user-info and port, drop a trailing dot on the host; plus IDN → punycode.
/// </summary>
/// <remarks>
/// IPv4 literals are canonicalised by <see cref="HostNames.TryNormalise"/> the way <c>inet_aton</c> and browsers read
/// them (<c>010.1.1.1</c> is 8.1.1.1, <c>3232235777</c> is 192.168.1.1), so the lists see the address the proxy
/// would connect to. squidGuard compares the text as written and so misses those spellings; this is stricter on
/// purpose. IPv6 literals are returned without brackets and match only an identical list entry (UT1 has none).
/// </remarks>
public static class RequestUrlNormaliser
{
    /// <summary>Normalises an absolute <c>http</c>/<c>https</c> URL (any scheme is accepted; the scheme is ignored).</summary>
    public static bool TryNormalise(Uri url, out CategoryRequest request)
    {
        ArgumentNullException.ThrowIfNull(url);
        request = default;
        if (!url.IsAbsoluteUri)
        {
            return false;
        }

        var port = url.IsDefaultPort ? 0 : url.Port;
        var pathAndQuery = url.GetComponents(UriComponents.PathAndQuery, UriFormat.UriEscaped);
        return TryNormalise(url.IdnHost, port, pathAndQuery, out request);
    }

    /// <summary>
    /// Normalises an absolute URL string as a proxy receives it in an absolute-form request target:
    /// <c>scheme://[user@]host[:port][/path][?query][#fragment]</c>. The port is kept only when it differs from the
    /// scheme's default (80 for http, 443 for https).
    /// </summary>
    public static bool TryNormalise(string absoluteUrl, out CategoryRequest request)
    {
        ArgumentNullException.ThrowIfNull(absoluteUrl);
        request = default;
        var text = absoluteUrl.AsSpan().Trim();
        var schemeEnd = text.IndexOf("://");
        if (schemeEnd <= 0)
        {
            return false;
        }

        var scheme = text[..schemeEnd];
        var rest = text[(schemeEnd + 3)..];
        var authorityEnd = rest.IndexOfAny("/?#");
        var authority = authorityEnd < 0 ? rest : rest[..authorityEnd];
        var pathAndQuery = authorityEnd < 0 ? ReadOnlySpan<char>.Empty : rest[authorityEnd..];
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            authority = authority[(at + 1)..];
        }

        ReadOnlySpan<char> host;
        var port = 0;
        if (authority.StartsWith("["))
        {
            var close = authority.IndexOf(']');
            if (close < 0)
            {
                return false;
            }

            host = authority[1..close];
            if (!TryParsePort(authority[(close + 1)..], out port))
            {
                return false;
            }
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            host = colon < 0 ? authority : authority[..colon];
            if (colon >= 0 && !TryParsePort(authority[colon..], out port))
            {
                return false;
            }
        }

        if ((port == 80 && scheme.Equals("http", StringComparison.OrdinalIgnoreCase))
            || (port == 443 && scheme.Equals("https", StringComparison.OrdinalIgnoreCase)))
        {
            port = 0;
        }

        return TryNormalise(host.ToString(), port, pathAndQuery.ToString(), out request);
    }

    /// <summary>Normalises the parts of a request: a host (or IP literal), an explicit port (0 for none) and the
    /// origin-form path-and-query. A fragment is dropped; an empty path becomes <c>/</c>.</summary>
    public static bool TryNormalise(string host, int port, string pathAndQuery, out CategoryRequest request)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        request = default;
        if (port is < 0 or > 65535 || !HostNames.TryNormalise(host.Trim('[', ']'), out var normalised, out _))
        {
            return false;
        }

        var fragment = pathAndQuery.IndexOf('#', StringComparison.Ordinal);
        var path = fragment >= 0 ? pathAndQuery[..fragment] : pathAndQuery;
        request = new CategoryRequest(normalised, port, path.Length == 0 ? "/" : path);
        return true;
    }

    private static bool TryParsePort(ReadOnlySpan<char> colonAndPort, out int port)
    {
        port = 0;
        if (colonAndPort.IsEmpty)
        {
            return true;
        }

        if (colonAndPort[0] != ':')
        {
            return false;
        }

        var digits = colonAndPort[1..];
        if (digits.IsEmpty)
        {
            return true;
        }

        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port <= 65535;
    }
}
