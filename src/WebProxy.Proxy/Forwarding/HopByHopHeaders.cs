using Microsoft.Extensions.Primitives;

namespace WebProxy.Proxy.Forwarding;

/// <summary>
/// Which header fields stop at the proxy. RFC 9110 §7.6.1: Connection and the fields it names, plus the
/// fields that only ever mean something on one connection. Privacy rules add the forwarding fields.
/// </summary>
internal static class HopByHopHeaders
{
    private static readonly HashSet<string> Fixed = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection",
        "Keep-Alive",
        "Proxy-Connection",
        "Proxy-Authenticate",
        // Proxy credentials are for this proxy only; forwarding them would hand a password to the origin.
        "Proxy-Authorization",
        "TE",
        "Trailer",
        "Transfer-Encoding",
        "Upgrade",
        // Set by the HTTP client from the destination URI (RFC 9112 §3.2.2).
        "Host",
        // HttpClient derives Expect: 100-continue from ExpectContinue, which the forwarder sets explicitly.
        "Expect",
        // Privacy by design: nothing that identifies the client travels to the origin, also not what another
        // proxy in front of us added.
        "X-Forwarded-For",
        "X-Forwarded-Host",
        "X-Forwarded-Proto",
        "X-Real-IP",
        "Forwarded",
    };

    public static bool IsFixedHopByHop(string name) => Fixed.Contains(name) || name.StartsWith(':');

    /// <summary>The extra field names listed in the Connection header, which are hop-by-hop for this message.</summary>
    public static HashSet<string>? NamedInConnection(StringValues connection)
    {
        HashSet<string>? names = null;
        foreach (var value in connection)
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            foreach (var token in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                (names ??= new HashSet<string>(StringComparer.OrdinalIgnoreCase)).Add(token);
            }
        }

        return names;
    }

    public static bool IsHopByHop(string name, HashSet<string>? namedInConnection) =>
        IsFixedHopByHop(name) || (namedInConnection is not null && namedInConnection.Contains(name));
}
