using System.Collections.Frozen;
using System.Text;

namespace WebProxy.Statistics.Sites;

/// <summary>
/// The Public Suffix List (<see href="https://publicsuffix.org/list/"/>), used to turn a host into its site: the
/// registrable domain, "eTLD+1" (<c>www.bbc.co.uk</c> → <c>bbc.co.uk</c>). Statistics count per site so that a
/// report names what people recognise (one line for <c>bbc.co.uk</c>, not one per server) and never a full host
/// name, which can be specific to one person or device (per-user and per-device subdomains).
/// </summary>
/// <remarks>
/// <para>Both the ICANN and the PRIVATE sections are applied, as browsers do for cookies and site isolation.</para>
/// <para>Immutable and safe to share between threads. A lookup does one frozen-table probe per label of the public
/// suffix plus one (typically two or three), on the host's characters in place: no allocation except the returned
/// string, and none at all when the host already is its own site in normal form.</para>
/// </remarks>
public sealed class PublicSuffixList
{
    private readonly FrozenDictionary<string, SuffixRuleKinds>.AlternateLookup<ReadOnlySpan<char>> _rules;

    internal PublicSuffixList(FrozenDictionary<string, SuffixRuleKinds> rules, int ruleCount, int icannRuleCount, int privateRuleCount)
    {
        _rules = rules.GetAlternateLookup<ReadOnlySpan<char>>();
        RuleCount = ruleCount;
        IcannRuleCount = icannRuleCount;
        PrivateRuleCount = privateRuleCount;
    }

    /// <summary>
    /// The list used when none is available: no rules at all, so only the format's implicit rule <c>*</c> applies
    /// and a host's site is its last two labels (<c>www.example.nl</c> → <c>example.nl</c>), an address itself.
    /// </summary>
    /// <remarks>
    /// Acceptable because most visited hosts sit directly under a top-level domain (<c>.nl</c>, <c>.com</c>,
    /// <c>.org</c>), where it gives the same answer as the list, and because it never splits one site into several.
    /// Wrong under multi-label public suffixes, where it merges unrelated sites into one: every site under
    /// <c>co.uk</c> counts as <c>co.uk</c> (<c>bbc.co.uk</c> and <c>amazon.co.uk</c> become one line), every
    /// <c>github.io</c> user's pages as <c>github.io</c>, every <c>.kobe.jp</c> site as <c>kobe.jp</c>; and a host
    /// that is itself a public suffix (<c>co.uk</c>) gets a site instead of none. Its answer is always the list's
    /// answer or a parent of it, so it merges and never splits: a merged line has at least as many visitors as each
    /// part, which errs on the side of privacy in the k-anonymous report.
    /// </remarks>
    public static PublicSuffixList Fallback { get; } = new(FrozenDictionary<string, SuffixRuleKinds>.Empty, 0, 0, 0);

    /// <summary>The number of distinct rules, in both sections and outside them.</summary>
    public int RuleCount { get; }

    /// <summary>The rules between <c>// ===BEGIN ICANN DOMAINS===</c> and its end marker.</summary>
    public int IcannRuleCount { get; }

    /// <summary>The rules between <c>// ===BEGIN PRIVATE DOMAINS===</c> and its end marker.</summary>
    public int PrivateRuleCount { get; }

    /// <summary>Parses the text of a <c>public_suffix_list.dat</c>.</summary>
    /// <param name="reader">The text, decoded as UTF-8 (a <see cref="StreamReader"/> replaces invalid bytes with
    /// U+FFFD, which is then refused).</param>
    /// <param name="fileName">The file as the caller names it in messages.</param>
    /// <exception cref="PublicSuffixListException">The text is not a usable list; the message names the file and
    /// line.</exception>
    public static PublicSuffixList Parse(TextReader reader, string fileName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(fileName);
        return PublicSuffixListReader.Read(reader, fileName);
    }

    /// <summary>
    /// The registrable domain of <paramref name="host"/>, by the algorithm of
    /// <see href="https://github.com/publicsuffix/list/wiki/Format#formal-algorithm"/>: the longest matching rule,
    /// or an exception rule when one matches, gives the public suffix; the site is that suffix plus one label.
    /// </summary>
    /// <param name="host">A host name or IP literal in any case, with or without a trailing dot; Unicode labels are
    /// converted to punycode first, so <c>食狮.中国</c> and <c>xn--85x722f.xn--fiqs8s</c> give the same site.</param>
    /// <returns>The site in lower-case ASCII (punycode) form; for an IP address the canonical address (IPv6 without
    /// brackets); null when the host is itself a public suffix (<c>co.uk</c>, a bare <c>intranet</c>) or is not a
    /// valid host name or address.</returns>
    public string? RegistrableDomain(string? host)
    {
        if (string.IsNullOrEmpty(host))
        {
            return null;
        }

        var name = host.AsSpan();
        if (name[^1] == '.')
        {
            name = name[..^1]; // the root's empty label: a fully qualified name names the same host (RFC 1034 §3.1)
        }

        if (IpLiteral.TryRead(name, host, out var address))
        {
            return address;
        }

        Span<char> lowered = stackalloc char[DomainName.MaxLength];
        scoped ReadOnlySpan<char> normal;
        if (!Ascii.IsValid(name))
        {
            if (!DomainName.TryToAscii(name, out var ascii))
            {
                return null;
            }

            normal = ascii;
        }
        else if (name.ContainsAnyInRange('A', 'Z'))
        {
            if (name.Length > lowered.Length)
            {
                return null;
            }

            Ascii.ToLower(name, lowered, out var written);
            normal = lowered[..written];
        }
        else
        {
            normal = name;
        }

        if (!DomainName.IsValidHost(normal, out var labels))
        {
            return null;
        }

        var start = SiteStart(normal, labels);
        if (start < 0)
        {
            return null;
        }

        var site = normal[start..];
        return site.Length == host.Length && site.SequenceEqual(host) ? host : site.ToString();
    }

    /// <summary>Where the site begins in <paramref name="name"/>, or -1 when the name is a public suffix.</summary>
    private int SiteStart(ReadOnlySpan<char> name, int labels)
    {
        // Walk suffixes from the top-level label leftwards: "com", then "example.com", ... The table holds every
        // rule and every parent of one, so the first miss means no longer rule can match.
        var suffixLabels = 1; // the implicit rule "*": with no match, the public suffix is the last label
        var end = name.Length;
        for (var k = 1; ; k++)
        {
            var dot = name[..end].LastIndexOf('.');
            if (!_rules.TryGetValue(name[(dot + 1)..], out var kinds))
            {
                break;
            }

            if ((kinds & SuffixRuleKinds.Exception) != 0)
            {
                suffixLabels = k - 1; // an exception prevails over every other match: the suffix is its parent
                break;
            }

            if ((kinds & SuffixRuleKinds.Normal) != 0)
            {
                suffixLabels = Math.Max(suffixLabels, k);
            }

            if ((kinds & SuffixRuleKinds.Wildcard) != 0 && k < labels)
            {
                suffixLabels = Math.Max(suffixLabels, k + 1); // "*.ck" matches "test.ck" only when a label is there
            }

            if (dot < 0)
            {
                break;
            }

            end = dot;
        }

        if (suffixLabels >= labels)
        {
            return -1;
        }

        // The site is the public suffix plus one label: find the dot before the last (suffixLabels + 1) labels.
        var cut = name.Length;
        for (var i = 0; i <= suffixLabels; i++)
        {
            cut = name[..cut].LastIndexOf('.');
            if (cut < 0)
            {
                return 0;
            }
        }

        return cut + 1;
    }
}
