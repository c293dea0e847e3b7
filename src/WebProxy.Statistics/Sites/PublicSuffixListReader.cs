using System.Buffers;
using System.Collections.Frozen;

namespace WebProxy.Statistics.Sites;

/// <summary>
/// Reads the text of a <c>public_suffix_list.dat</c> into a <see cref="PublicSuffixList"/>, following
/// <see href="https://github.com/publicsuffix/list/wiki/Format"/>: one rule per line, read up to the first
/// whitespace; lines starting with <c>//</c> are comments; blank lines are ignored.
/// </summary>
/// <remarks>
/// Strict where a bad download would otherwise pass for a list: any line that is not text (NUL or other control
/// characters, or U+FFFD where a decoder met invalid UTF-8), any token that is not a rule (an HTML error page starts
/// with <c>&lt;!DOCTYPE</c>), section markers out of order, a section begun and never ended (a truncated download),
/// and a file without rules are all errors. Tolerant of what the published list does: a byte-order mark, trailing
/// text after a rule, duplicate rules, rules outside the sections, Unicode rules.
/// </remarks>
internal static class PublicSuffixListReader
{
    private const string Marker = "// ===";
    private const int ShownTokenLength = 80;

    // Everything below U+0020 except TAB (ReadLine already split at CR and LF), DEL, and the replacement character.
    private static readonly SearchValues<char> NotText = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F\uFFFD");

    public static PublicSuffixList Read(TextReader reader, string fileName)
    {
        var rules = new Dictionary<string, SuffixRuleKinds>(StringComparer.Ordinal);
        int icann = 0, @private = 0, total = 0;
        var section = PublicSuffixSection.None;
        var sectionLine = 0;
        var lineNumber = 0;
        var sawText = false;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var text = line.AsSpan();
            if (lineNumber == 1 && text.StartsWith('\uFEFF'))
            {
                text = text[1..];
            }

            if (text.ContainsAny(NotText))
            {
                throw new PublicSuffixListException(fileName, lineNumber, "the file is not UTF-8 text (control characters or invalid bytes)");
            }

            text = text.Trim();
            if (text.IsEmpty)
            {
                continue;
            }

            sawText = true;
            if (text.StartsWith("//"))
            {
                if (text.StartsWith(Marker))
                {
                    section = NextSection(text, section, ref sectionLine, lineNumber, fileName);
                }

                continue;
            }

            var end = text.IndexOfAny(' ', '\t');
            var token = end < 0 ? text : text[..end];
            if (!PublicSuffixRule.TryParse(token, out var rule, out var problem))
            {
                var shown = token.Length > ShownTokenLength ? token[..ShownTokenLength].ToString() + "…" : token.ToString();
                throw new PublicSuffixListException(fileName, lineNumber, $"'{shown}' is not a rule: {problem}");
            }

            rules.TryGetValue(rule.Name, out var kinds);
            if ((kinds & rule.Kind) != 0)
            {
                continue; // a duplicate changes nothing
            }

            rules[rule.Name] = kinds | rule.Kind;
            total++;
            icann += section == PublicSuffixSection.Icann ? 1 : 0;
            @private += section == PublicSuffixSection.Private ? 1 : 0;
        }

        if (!sawText)
        {
            throw new PublicSuffixListException(fileName, 0, "the file is empty");
        }

        if (section != PublicSuffixSection.None)
        {
            throw new PublicSuffixListException(fileName, sectionLine,
                $"the {Name(section)} section begun here never ends: the file was probably cut off");
        }

        if (total == 0)
        {
            throw new PublicSuffixListException(fileName, 0, "the file has no rules, only comments");
        }

        AddParents(rules);
        return new PublicSuffixList(rules.ToFrozenDictionary(StringComparer.Ordinal), total, icann, @private);
    }

    // A lookup walks from the top-level label leftwards and stops at the first name the table does not hold, so
    // every parent of a rule must be present (as None when it is no rule itself): for city.kobe.jp, kobe.jp and jp.
    private static void AddParents(Dictionary<string, SuffixRuleKinds> rules)
    {
        foreach (var name in rules.Keys.ToArray())
        {
            for (var dot = name.IndexOf('.', StringComparison.Ordinal); dot >= 0; dot = name.IndexOf('.', dot + 1))
            {
                rules.TryAdd(name[(dot + 1)..], SuffixRuleKinds.None);
            }
        }
    }

    private static PublicSuffixSection NextSection(
        ReadOnlySpan<char> marker, PublicSuffixSection current, ref int sectionLine, int lineNumber, string fileName)
    {
        (bool Begin, PublicSuffixSection Section)? parsed = marker switch
        {
            "// ===BEGIN ICANN DOMAINS===" => (true, PublicSuffixSection.Icann),
            "// ===END ICANN DOMAINS===" => (false, PublicSuffixSection.Icann),
            "// ===BEGIN PRIVATE DOMAINS===" => (true, PublicSuffixSection.Private),
            "// ===END PRIVATE DOMAINS===" => (false, PublicSuffixSection.Private),
            _ => null,
        };
        if (parsed is not { } step)
        {
            return current; // some other comment that happens to start with "// ==="
        }

        if (step.Begin && current != PublicSuffixSection.None)
        {
            throw new PublicSuffixListException(fileName, lineNumber,
                $"the {Name(step.Section)} section begins inside the {Name(current)} section begun on line {sectionLine}");
        }

        if (!step.Begin && current != step.Section)
        {
            throw new PublicSuffixListException(fileName, lineNumber, $"the {Name(step.Section)} section ends here but never began");
        }

        sectionLine = lineNumber;
        return step.Begin ? step.Section : PublicSuffixSection.None;
    }

    private static string Name(PublicSuffixSection section) => section == PublicSuffixSection.Icann ? "ICANN" : "PRIVATE";
}
