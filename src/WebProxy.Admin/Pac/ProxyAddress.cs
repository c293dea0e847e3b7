using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace WebProxy.Admin.Pac;

/// <summary>Validation of the <c>host:port</c> that the PAC file hands to workstations.</summary>
internal static class ProxyAddress
{
    /// <summary>Returns why <paramref name="value"/> is not <c>host:port</c>, or null when it is.</summary>
    public static string? WhyInvalid(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "it is empty";
        }

        string host;
        string port;
        if (value.StartsWith('['))
        {
            // IPv6 literal: browsers accept "PROXY [::1]:3128", with the brackets.
            var close = value.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || close + 1 >= value.Length || value[close + 1] != ':')
            {
                return "an IPv6 address must be written as [address]:port";
            }

            host = value[1..close];
            port = value[(close + 2)..];
            if (!IPAddress.TryParse(host, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return $"'{host}' is not an IPv6 address";
            }
        }
        else
        {
            var colon = value.LastIndexOf(':');
            if (colon < 0)
            {
                return "the port is missing (write host:port, for example proxy.gemeente.nl:3128)";
            }

            host = value[..colon];
            port = value[(colon + 1)..];
            if (!HostNames.IsIPv4Literal(host) && HostNames.WhyNotHostName(host) is { } reason)
            {
                return $"'{host}' is neither an IPv4 address nor a host name: {reason}";
            }
        }

        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
        {
            return $"'{port}' is not a port number (1 to 65535)";
        }

        return null;
    }
}
