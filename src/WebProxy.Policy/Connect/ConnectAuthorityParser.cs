using WebProxy.Policy.Hosts;

namespace WebProxy.Policy.Connect;

/// <summary>
/// Parses the request target of a CONNECT request. RFC 9110 §9.3.6 and RFC 9112 §3.2.3 allow only the
/// authority-form <c>host:port</c>, with both parts present; anything else is a bad request.
/// </summary>
public static class ConnectAuthorityParser
{
    public static bool TryParse(ReadOnlySpan<char> authority, out ConnectTarget? target, out string? error)
    {
        target = null;
        if (authority.IsEmpty)
        {
            error = "the CONNECT target is empty";
            return false;
        }

        if (authority.Contains('@'))
        {
            // RFC 9112 §3.2.3: authority-form has no userinfo; accepting it invites credential confusion.
            error = "the CONNECT target must not contain user information";
            return false;
        }

        ReadOnlySpan<char> host;
        ReadOnlySpan<char> port;
        if (authority[0] == '[')
        {
            var close = authority.IndexOf(']');
            if (close < 0 || close + 1 >= authority.Length || authority[close + 1] != ':')
            {
                error = "an IPv6 CONNECT target must look like [address]:port";
                return false;
            }

            host = authority[1..close];
            port = authority[(close + 2)..];
            if (!host.Contains(':'))
            {
                error = "brackets are only allowed around an IPv6 address";
                return false;
            }
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            if (colon < 0)
            {
                error = "the CONNECT target must name a port (host:port)";
                return false;
            }

            host = authority[..colon];
            port = authority[(colon + 1)..];
            if (host.Contains(':'))
            {
                error = "an IPv6 address in a CONNECT target must be in brackets";
                return false;
            }
        }

        if (!TryParsePort(port, out var portNumber))
        {
            error = "the port of the CONNECT target must be a number from 1 to 65535";
            return false;
        }

        if (!HostNames.TryNormalise(host, out var normalisedHost, out error))
        {
            return false;
        }

        target = new ConnectTarget(normalisedHost, portNumber);
        return true;
    }

    private static bool TryParsePort(ReadOnlySpan<char> text, out int port)
    {
        port = 0;
        if (text.IsEmpty || text.Length > 5)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            port = (port * 10) + (c - '0');
        }

        return port is >= 1 and <= 65535;
    }
}
