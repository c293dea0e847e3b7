using System.Text;

namespace WebProxy.Statistics.Sites;

/// <summary>
/// One rule of the list, as stored: the name in lookup spelling (<see cref="DomainName"/>) and its kind. For a
/// wildcard <c>*.kobe.jp</c> the name is <c>kobe.jp</c>; for an exception <c>!city.kobe.jp</c> it is
/// <c>city.kobe.jp</c>.
/// </summary>
internal readonly record struct PublicSuffixRule(string Name, SuffixRuleKinds Kind)
{
    /// <summary>
    /// Parses a rule token (the text of a line up to its first whitespace). The format
    /// (<see href="https://github.com/publicsuffix/list/wiki/Format"/>) allows a wildcard only as the whole leftmost
    /// label and an exception only in front of a name with at least two labels; rules are written in Unicode, so
    /// non-ASCII names are converted to punycode here, once, rather than on every lookup.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> token, out PublicSuffixRule rule, out string? problem)
    {
        rule = default;
        var kind = SuffixRuleKinds.Normal;
        var name = token;
        if (name.StartsWith('!'))
        {
            kind = SuffixRuleKinds.Exception;
            name = name[1..];
        }
        else if (name.StartsWith("*."))
        {
            kind = SuffixRuleKinds.Wildcard;
            name = name[2..];
        }

        if (name.Contains('*'))
        {
            problem = kind == SuffixRuleKinds.Exception
                ? "an exception rule cannot contain a wildcard"
                : "a wildcard is allowed only as the whole leftmost label (*.example)";
            return false;
        }

        if (name.Contains('!'))
        {
            problem = "'!' is allowed only at the start of an exception rule";
            return false;
        }

        if (name.IsEmpty)
        {
            problem = "the rule names no domain";
            return false;
        }

        string ascii;
        if (Ascii.IsValid(name))
        {
            ascii = name.ToString().ToLowerInvariant();
        }
        else if (!DomainName.TryToAscii(name, out ascii))
        {
            problem = "the name is not a valid internationalised domain name";
            return false;
        }

        problem = DomainName.RuleProblem(ascii, out var labels);
        if (problem is not null)
        {
            return false;
        }

        if (kind == SuffixRuleKinds.Exception && labels < 2)
        {
            problem = "an exception rule needs at least two labels (!www.ck)";
            return false;
        }

        rule = new PublicSuffixRule(ascii, kind);
        return true;
    }
}
