using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WebProxy.Policy.Hosts;

/// <summary>
/// Normalises the host part of an authority into the one spelling every rule compares against:
/// lower-case ASCII, IDN converted to punycode (RFC 5891), no trailing dot, IP literals in canonical form.
/// </summary>
public static class HostNames
{
    // RFC 1035 §2.3.4: 63 octets per label, 255 octets per name on the wire (253 characters as text).
    private const int MaxLabelLength = 63;
    private const int MaxNameLength = 253;

    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = false };

    /// <summary>Tries to normalise a host name or IP literal (IPv6 without brackets).</summary>
    /// <returns>False, with a reason, when the host is not a usable DNS name or address.</returns>
    public static bool TryNormalise(ReadOnlySpan<char> host, out string normalised, out string? error)
    {
        normalised = string.Empty;
        if (host.IsEmpty)
        {
            error = "the host is empty";
            return false;
        }

        if (host.Contains(':'))
        {
            if (IPAddress.TryParse(host, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6)
            {
                normalised = v6.ToString();
                error = null;
                return true;
            }

            error = "the host is not a valid IPv6 address";
            return false;
        }

        if (host[^1] == '.')
        {
            // A fully qualified name's trailing dot names the same host (RFC 1034 §3.1).
            host = host[..^1];
        }

        if (IsDottedDecimal(host))
        {
            if (IPAddress.TryParse(host, out var v4) && v4.AddressFamily == AddressFamily.InterNetwork)
            {
                normalised = v4.ToString();
                error = null;
                return true;
            }

            error = "the host is not a valid IPv4 address";
            return false;
        }

        string ascii;
        if (Ascii.IsValid(host))
        {
            ascii = host.ToString().ToLowerInvariant();
        }
        else
        {
            try
            {
                ascii = Idn.GetAscii(host.ToString()).ToLowerInvariant();
            }
            catch (ArgumentException)
            {
                error = "the host is not a valid internationalised domain name";
                return false;
            }
        }

        if (!IsValidDnsName(ascii, out error))
        {
            return false;
        }

        normalised = ascii;
        return true;
    }

    private static bool IsDottedDecimal(ReadOnlySpan<char> host)
    {
        foreach (var c in host)
        {
            if (c is not ('.' or (>= '0' and <= '9')))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsValidDnsName(string name, out string? error)
    {
        if (name.Length > MaxNameLength)
        {
            error = "the host name is longer than 253 characters";
            return false;
        }

        var labelLength = 0;
        foreach (var c in name)
        {
            if (c == '.')
            {
                if (labelLength == 0)
                {
                    error = "the host name has an empty label";
                    return false;
                }

                labelLength = 0;
                continue;
            }

            // Letters, digits and hyphen (RFC 1123 §2.1), plus underscore, which real names carry
            // (service labels, some CDN hosts) and which browsers accept.
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_'))
            {
                error = $"the host name contains the character '{c}'";
                return false;
            }

            if (++labelLength > MaxLabelLength)
            {
                error = "a label of the host name is longer than 63 characters";
                return false;
            }
        }

        if (labelLength == 0)
        {
            error = "the host name has an empty label";
            return false;
        }

        error = null;
        return true;
    }
}
