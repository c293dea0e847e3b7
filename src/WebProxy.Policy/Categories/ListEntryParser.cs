using WebProxy.Policy.Hosts;

namespace WebProxy.Policy.Categories;

/// <summary>
/// Turns one line of a UT1 <c>domains</c>, <c>urls</c> or <c>expressions</c> file into a normalised
/// <see cref="ListEntry"/>, or says why it cannot be one. Pure and total: no input makes it throw.
/// </summary>
/// <remarks>
/// <para>Line syntax follows squidGuard 1.6's loader (<c>sgDbLoadTextFile</c>): a line starting with <c>#</c> is a
/// comment, a trailing <c>\r</c> is dropped, a leading <c>+</c> or <c>-</c> marks an addition or removal (diff files),
/// and the key is the first token up to a space or tab (squidGuard keeps the rest as a per-entry redirect, which this
/// proxy does not use). Keys are lower-cased.</para>
/// <para>Domains: a leading and a trailing dot are dropped. squidGuard stores <c>.afshin.ir</c> as <c>..afshin.ir</c>,
/// which no request can match, so such entries are dead there; the list author meant the domain, so this proxy blocks
/// it. IDN is converted to punycode and IPv4 literals to dotted-decimal (<see cref="HostNames.TryNormalise"/>).
/// Underscores and hyphens at label edges (<c>_video-bagarre.com</c>, <c>w-w-i-s-.com</c>) are accepted: DNS
/// resolves such names, browsers reach them, and squidGuard accepts any text. A <c>www</c> label is never stripped
/// from a domain entry (<c>wwwcasinodirectory.com</c>, <c>wwww.cbox.ws</c> stay as written).</para>
/// <para>Urls: see <see cref="ParseUrl"/>. Expressions: the whole line (a regex may contain a space) compiled by
/// <see cref="PosixRegex"/>; not lower-cased, since matching is case-insensitive anyway and lower-casing would turn
/// <c>\W</c> into <c>\w</c>.</para>
/// </remarks>
public static class ListEntryParser
{
    /// <summary>The reason given for a url entry with a <c>#fragment</c>.</summary>
    public const string FragmentReason = "the url has a #fragment, which clients never send, so it can never match";

    /// <summary>Parses one line of a list of kind <paramref name="kind"/>.</summary>
    /// <returns><see cref="ParseOutcome.Entry"/> with <paramref name="entry"/> set, <see cref="ParseOutcome.Skipped"/>
    /// for blank and comment lines, or <see cref="ParseOutcome.Problem"/> with <paramref name="problem"/> set.</returns>
    public static ParseOutcome Parse(ListKind kind, ReadOnlySpan<char> line, out ListEntry entry, out string? problem)
    {
        entry = default;
        problem = null;
        if (!line.IsEmpty && line[^1] == '\n')
        {
            line = line[..^1];
        }

        if (!line.IsEmpty && line[^1] == '\r')
        {
            line = line[..^1];
        }

        if (line.IsEmpty || line[0] == '#' || line.IsWhiteSpace())
        {
            return ParseOutcome.Skipped;
        }

        var removal = false;
        if (line[0] is '+' or '-')
        {
            removal = line[0] == '-';
            line = line[1..];
        }

        line = line.TrimStart(" \t");
        if (kind == ListKind.Expressions)
        {
            return ParseExpression(line.TrimEnd(" \t").ToString(), removal, out entry, out problem);
        }

        var end = line.IndexOfAny(' ', '\t');
        var key = end < 0 ? line : line[..end];
        if (key.IsEmpty)
        {
            problem = "the line has no entry";
            return ParseOutcome.Problem;
        }

        return kind == ListKind.Domains
            ? ParseDomain(key, removal, out entry, out problem)
            : ParseUrl(key, removal, out entry, out problem);
    }

    private static ParseOutcome ParseDomain(ReadOnlySpan<char> key, bool removal, out ListEntry entry, out string? problem)
    {
        entry = default;
        if (key[0] == '.')
        {
            key = key[1..];
        }

        if (!TryNormaliseHost(key, out var host, out problem))
        {
            return ParseOutcome.Problem;
        }

        entry = new ListEntry(ListKind.Domains, host, string.Empty, removal);
        return ParseOutcome.Entry;
    }

    /// <summary>
    /// A url entry is <c>[user@]host[:port][/path][?query]</c> without scheme (one is tolerated and dropped).
    /// As squidGuard's <c>sgStripUrl</c> does for list keys, user-info and port are dropped. The host is normalised
    /// like a domain and then loses a leading <c>www</c>/<c>web</c>/<c>ftp</c>+digits label, the same rule squidGuard
    /// applies to the request; squidGuard 1.6 does not strip the list side, so an entry <c>www.x.com/p</c> only matched
    /// requests for exactly <c>www.x.com</c> there, while here it matches <c>x.com/p</c> and every <c>wwwN.x.com/p</c>
    /// (UT1 urls carry no such prefix). The path is normalised like a request path (<see cref="UrlText.NormalisePath"/>):
    /// squidGuard decodes, lower-cases and collapses <c>//</c> only on the request side, so list entries with escapes
    /// or <c>//</c> were dead there and match here. An entry with a <c>#fragment</c> is a problem (never matches).
    /// </summary>
    private static ParseOutcome ParseUrl(ReadOnlySpan<char> key, bool removal, out ListEntry entry, out string? problem)
    {
        entry = default;
        if (key.Contains('#'))
        {
            problem = FragmentReason;
            return ParseOutcome.Problem;
        }

        var scheme = key.IndexOf("://");
        if (scheme >= 0)
        {
            key = key[(scheme + 3)..];
        }

        var authorityEnd = key.IndexOfAny('/', '?');
        var authority = authorityEnd < 0 ? key : key[..authorityEnd];
        var path = authorityEnd < 0 ? ReadOnlySpan<char>.Empty : key[authorityEnd..];
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            authority = authority[(at + 1)..];
        }

        var colon = authority.IndexOf(':');
        if (colon >= 0)
        {
            if (!int.TryParse(authority[(colon + 1)..], out var port) || port is < 1 or > 65535)
            {
                problem = "the url has an invalid port";
                return ParseOutcome.Problem;
            }

            authority = authority[..colon];
        }

        if (!TryNormaliseHost(authority, out var host, out problem))
        {
            return ParseOutcome.Problem;
        }

        var stripped = UrlText.StripWwwLabel(host);
        var normalisedPath = path.IsEmpty ? string.Empty : UrlText.NormalisePath(path);
        entry = new ListEntry(ListKind.Urls, stripped.Length == host.Length ? host : stripped.ToString(), normalisedPath, removal);
        return ParseOutcome.Entry;
    }

    private static ParseOutcome ParseExpression(string source, bool removal, out ListEntry entry, out string? problem)
    {
        entry = default;
        if (!PosixRegex.TryCompile(source, out _, out problem))
        {
            return ParseOutcome.Problem;
        }

        entry = new ListEntry(ListKind.Expressions, string.Empty, source, removal);
        return ParseOutcome.Entry;
    }

    private static bool TryNormaliseHost(ReadOnlySpan<char> key, out string host, out string? problem)
    {
        host = string.Empty;
        if (key.IsEmpty)
        {
            problem = "the host is empty";
            return false;
        }

        if (key.Contains(':'))
        {
            // HostNames accepts IPv6 literals; UT1 has none and squidGuard never matches them (it splits at ':').
            problem = "the host contains ':'";
            return false;
        }

        if (!HostNames.TryNormalise(key, out host, out problem))
        {
            return false;
        }

        if (host.Length > byte.MaxValue)
        {
            problem = "the host is longer than 255 characters";
            return false;
        }

        return true;
    }
}
