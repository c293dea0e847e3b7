using System.Globalization;

namespace WebProxy.Admin.Pac;

/// <summary>
/// Syntax checks for what goes into the PAC file. Strict on purpose: every accepted string ends up inside
/// JavaScript that every workstation runs, and a typo there silently changes which traffic is filtered.
/// </summary>
internal static class HostNames
{
    private const int MaxHostNameLength = 253;
    private const int MaxLabelLength = 63;

    /// <summary>
    /// Returns why <paramref name="value"/> is not a DNS host name (RFC 1123 §2.1: letters, digits and hyphens,
    /// labels of 1 to 63 characters, not starting or ending with a hyphen), or null when it is one.
    /// </summary>
    public static string? WhyNotHostName(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "it is empty";
        }

        if (value.StartsWith("*.", StringComparison.Ordinal) || value.StartsWith('.'))
        {
            return "write the domain without a wildcard or leading dot; subdomains are always included";
        }

        if (value.Contains("://", StringComparison.Ordinal) || value.Contains('/') || value.Contains(':'))
        {
            return "write a host name only, without scheme, port or path";
        }

        if (value.Length > MaxHostNameLength)
        {
            return $"it is longer than {MaxHostNameLength} characters";
        }

        var labels = value.Split('.');
        foreach (var label in labels)
        {
            if (label.Length is 0 or > MaxLabelLength)
            {
                return $"each dot-separated label must have 1 to {MaxLabelLength} characters";
            }

            foreach (var c in label)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    return c > '\u007f'
                        ? "international names must be written in their ASCII (punycode, xn--) form"
                        : $"'{c}' is not allowed in a host name (letters, digits and hyphens only)";
                }
            }

            if (label.StartsWith('-') || label.EndsWith('-'))
            {
                return "a label must not start or end with a hyphen";
            }
        }

        // No top-level domain is all digits (RFC 3696 §2), so this is an IP address, not a domain.
        if (labels[^1].All(char.IsAsciiDigit))
        {
            return "an IP address is not a domain (private ranges are covered by DirectForPrivateNetworks)";
        }

        return null;
    }

    /// <summary>True for a dotted-quad IPv4 literal (no octal, hex or shortened forms, which browsers disagree on).</summary>
    public static bool IsIPv4Literal(string value)
    {
        var parts = value.Split('.');
        return parts.Length == 4 && parts.All(part =>
            part.Length is >= 1 and <= 3
            && part.All(char.IsAsciiDigit)
            && (part.Length == 1 || part[0] != '0')
            && int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture) <= 255);
    }
}
