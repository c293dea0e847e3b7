using System.Buffers;
using System.Globalization;

namespace WebProxy.Statistics.Sites;

/// <summary>
/// The spelling both sides of a Public Suffix List lookup are compared in: lower-case ASCII, IDN labels as punycode
/// (RFC 5891 A-labels), no empty labels, RFC 1035 lengths.
/// </summary>
internal static class DomainName
{
    // RFC 1035 §2.3.4: 63 octets per label, 255 per name on the wire, which is 253 characters as dotted text.
    public const int MaxLength = 253;
    public const int MaxLabelLength = 63;

    // Host names may carry '_' (service labels, some CDN hosts; browsers accept them). Rules never do.
    private static readonly SearchValues<char> HostCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-_.");
    private static readonly SearchValues<char> RuleCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-.");

    // UseStd3AsciiRules is off so that hosts with '_' convert; rules are held to the stricter set above afterwards.
    // IdnMapping keeps no state between calls beyond these two settings, so one instance serves every thread (as in
    // WebProxy.Policy's HostNames).
    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = false };

    /// <summary>Converts a name with non-ASCII labels to its A-label form (<c>食狮.中国</c> → <c>xn--85x722f.xn--fiqs8s</c>),
    /// lower-cased first so that <c>BÜCHER</c> and <c>bücher</c> are one name; ideographic and full-width full stops
    /// separate labels.</summary>
    /// <remarks>The solution runs with invariant globalization, where <see cref="IdnMapping"/> is a plain Punycode
    /// encoder (RFC 3492) without the UTS #46 mapping browsers apply: decomposed accents and full-width letters are
    /// not folded. That costs little here, because browsers convert a name to A-labels before they send it; Unicode
    /// reaches this code from hand-typed hosts and from the list's own rules, which are written in normal form.
    /// </remarks>
    public static bool TryToAscii(ReadOnlySpan<char> unicode, out string ascii)
    {
        try
        {
            ascii = Idn.GetAscii(unicode.ToString().ToLowerInvariant()).ToLowerInvariant();
            return true;
        }
        catch (ArgumentException)
        {
            ascii = string.Empty;
            return false;
        }
    }

    /// <summary>Checks a lower-case ASCII host name and counts its labels.</summary>
    public static bool IsValidHost(ReadOnlySpan<char> name, out int labels) => Problem(name, HostCharacters, out labels) is null;

    /// <summary>Why a lower-case ASCII rule name is unusable, or null when it is fine.</summary>
    public static string? RuleProblem(ReadOnlySpan<char> name, out int labels) => Problem(name, RuleCharacters, out labels);

    private static string? Problem(ReadOnlySpan<char> name, SearchValues<char> allowed, out int labels)
    {
        labels = 0;
        if (name.Length > MaxLength)
        {
            return $"the name is longer than {MaxLength} characters";
        }

        var bad = name.IndexOfAnyExcept(allowed);
        if (bad >= 0)
        {
            return $"the name contains the character '{name[bad]}'";
        }

        while (true)
        {
            var dot = name.IndexOf('.');
            var label = dot < 0 ? name : name[..dot];
            if (label.IsEmpty)
            {
                return "the name has an empty label (two dots in a row, or a dot at either end)";
            }

            if (label.Length > MaxLabelLength)
            {
                return $"a label is longer than {MaxLabelLength} characters";
            }

            labels++;
            if (dot < 0)
            {
                return null;
            }

            name = name[(dot + 1)..];
        }
    }
}
