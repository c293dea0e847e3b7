using System.Buffers;
using System.Text;

namespace WebProxy.Policy.Identity;

/// <summary>
/// Reads the <c>Basic</c> credentials of a <c>Proxy-Authorization</c> (or <c>Authorization</c>) header value, RFC 7617.
/// Pure: checking them against the directory is the caller's job.
/// </summary>
public static class BasicCredentials
{
    /// <summary>The scheme name, as the proxy sends it in <c>Proxy-Authenticate: Basic realm="..."</c>.</summary>
    public const string Scheme = "Basic";

    private static readonly SearchValues<char> Base64Characters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=");

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Splits <c>Basic &lt;base64(user-id ":" password)&gt;</c> into the user id and the password.
    /// <list type="number">
    /// <item>The scheme is compared case-insensitively (RFC 9110 §11.1) and is followed by one or more spaces and the
    /// token68; white space around the whole value is ignored.</item>
    /// <item>The token68 must be strict base64, padding included; no white space inside.</item>
    /// <item>The bytes must be valid UTF-8 (RFC 7617 §2.1: the charset the proxy announces is UTF-8; anything else is
    /// rejected rather than guessed).</item>
    /// <item>The first ':' splits: a user id cannot contain one, a password can (RFC 7617 §2).</item>
    /// <item>Neither part may contain control characters (RFC 7617 §2); the user id must not be empty (a directory id
    /// never is). An empty password is passed on; verification fails it.</item>
    /// </list>
    /// </summary>
    /// <returns>False for anything malformed, with both outputs empty; never throws.</returns>
    public static bool TryParse(string? proxyAuthorizationHeaderValue, out string user, out string password)
    {
        user = password = string.Empty;
        var value = proxyAuthorizationHeaderValue.AsSpan().Trim(" \t");
        if (value.Length <= Scheme.Length
            || !value[..Scheme.Length].Equals(Scheme, StringComparison.OrdinalIgnoreCase)
            || value[Scheme.Length] != ' ')
        {
            return false;
        }

        var token = value[Scheme.Length..].TrimStart(' ');
        if (token.Length == 0 || token.Length % 4 != 0 || token.ContainsAnyExcept(Base64Characters))
        {
            return false;
        }

        var buffer = new byte[token.Length / 4 * 3];
        if (!Convert.TryFromBase64Chars(token, buffer, out var written))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = StrictUtf8.GetString(buffer, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || decoded.AsSpan().ContainsAnyInRange('\0', '\x1f') || decoded.Contains('\x7f', StringComparison.Ordinal))
        {
            return false;
        }

        user = decoded[..colon];
        password = decoded[(colon + 1)..];
        return true;
    }
}
