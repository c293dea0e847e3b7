using System.Text;

namespace WebProxy.Policy.Categories;

/// <summary>
/// The string rules squidGuard 1.6 applies to a URL before it compares it with a list, shared by the list loader and the
/// request side so both spell a URL the same way. squidGuard (<c>parseLine</c> in <c>sgDiv.c</c>) decodes every
/// <c>%XX</c> escape of the request, lower-cases it, and collapses runs of <c>/</c> before the query; for url lists it
/// also drops a leading <c>www</c>, <c>web</c> or <c>ftp</c> label, optionally followed by digits, from the host.
/// </summary>
public static class UrlText
{
    /// <summary>
    /// <see cref="NormalisePath(ReadOnlySpan{char})"/> for a path held as a string: most request paths are already
    /// normal (lower-case, no escapes, no doubled slashes), and then the same string comes back without a copy, so
    /// the lookup on every request allocates nothing for it.
    /// </summary>
    public static string NormalisePath(string pathAndQuery) =>
        IsAlreadyNormal(pathAndQuery) ? pathAndQuery : NormalisePath(pathAndQuery.AsSpan());

    private static bool IsAlreadyNormal(string pathAndQuery)
    {
        if (pathAndQuery.Length == 0)
        {
            return false;
        }

        var inQuery = false;
        var previous = '\0';
        foreach (var c in pathAndQuery)
        {
            if (c is '#' or '%' or (>= 'A' and <= 'Z') || (!inQuery && c == '/' && previous == '/'))
            {
                return false;
            }

            inQuery |= c == '?';
            previous = c;
        }

        return true;
    }

    /// <summary>
    /// Normalises a path-and-query (origin-form, as sent on the wire): decodes each <c>%XX</c> escape once into the
    /// character with that byte value (so UTF-8 escapes become one char per byte, as squidGuard compares bytes),
    /// lower-cases ASCII letters only, collapses <c>//</c> runs in the path (not in the query), drops a fragment,
    /// and returns <c>/</c> for an empty path.
    /// </summary>
    public static string NormalisePath(ReadOnlySpan<char> pathAndQuery)
    {
        var fragment = pathAndQuery.IndexOf('#');
        if (fragment >= 0)
        {
            pathAndQuery = pathAndQuery[..fragment];
        }

        if (pathAndQuery.IsEmpty)
        {
            return "/";
        }

        var builder = new StringBuilder(pathAndQuery.Length);
        var inQuery = false;
        for (var i = 0; i < pathAndQuery.Length; i++)
        {
            var c = pathAndQuery[i];
            if (c == '%' && i + 2 < pathAndQuery.Length && IsHex(pathAndQuery[i + 1]) && IsHex(pathAndQuery[i + 2]))
            {
                c = (char)((HexValue(pathAndQuery[i + 1]) << 4) | HexValue(pathAndQuery[i + 2]));
                i += 2;
            }

            if (c is >= 'A' and <= 'Z')
            {
                c = (char)(c | 0x20);
            }

            if (!inQuery && c == '/' && builder.Length > 0 && builder[^1] == '/')
            {
                continue;
            }

            if (c == '?')
            {
                inQuery = true;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>
    /// The host without a leading <c>www</c>, <c>web</c> or <c>ftp</c> label optionally followed by digits
    /// (<c>www3.foo.com</c> → <c>foo.com</c>), as squidGuard strips it for url-list matching. A name that only starts
    /// with those letters keeps them (<c>wwwfoo.com</c>, <c>www-minecraft.ru</c>). Never used for domain lists.
    /// </summary>
    public static ReadOnlySpan<char> StripWwwLabel(ReadOnlySpan<char> host)
    {
        if (host.Length < 4 || !(host.StartsWith("www") || host.StartsWith("web") || host.StartsWith("ftp")))
        {
            return host;
        }

        var i = 3;
        while (i < host.Length && host[i] is >= '0' and <= '9')
        {
            i++;
        }

        return i < host.Length - 1 && host[i] == '.' ? host[(i + 1)..] : host;
    }

    /// <summary>True when the host is written as digits and dots only, which squidGuard treats as an address.</summary>
    public static bool IsIPv4Literal(ReadOnlySpan<char> host)
    {
        if (host.IsEmpty)
        {
            return false;
        }

        foreach (var c in host)
        {
            if (c is not ('.' or (>= '0' and <= '9')))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsHex(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F');

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => c - 'A' + 10,
    };
}
