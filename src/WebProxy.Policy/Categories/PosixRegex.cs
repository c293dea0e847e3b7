using System.Text;
using System.Text.RegularExpressions;

namespace WebProxy.Policy.Categories;

/// <summary>
/// Compiles a POSIX extended regular expression (what squidGuard's <c>expressionlist</c> holds; it compiles them with
/// <c>REG_EXTENDED | REG_ICASE</c>) into a .NET <see cref="Regex"/> that runs in linear time
/// (<see cref="RegexOptions.NonBacktracking"/>), so a hostile list line cannot stall a request.
/// </summary>
/// <remarks>
/// The syntax is mostly shared; the differences translated here are inside brackets, where POSIX treats <c>\</c>
/// literally (<c>[-\?+=/_]</c> is a class holding a backslash) and knows named classes (<c>[[:alpha:]]</c>), and the
/// GNU word anchors <c>\&lt;</c> and <c>\&gt;</c>. Constructs POSIX does not define and .NET would read as something
/// else (<c>(?</c>) are refused rather than silently given a .NET meaning.
/// </remarks>
public static class PosixRegex
{
    private const RegexOptions Options =
        RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;

    private static readonly Dictionary<string, string> NamedClasses = new(StringComparer.Ordinal)
    {
        ["alpha"] = "a-zA-Z",
        ["digit"] = "0-9",
        ["alnum"] = "a-zA-Z0-9",
        ["upper"] = "A-Z",
        ["lower"] = "a-z",
        ["xdigit"] = "0-9A-Fa-f",
        ["space"] = @" \t\n\r\f\v",
        ["blank"] = @" \t",
        ["punct"] = @"!-/:-@\[-`{-~",
        ["cntrl"] = @"\x00-\x1f\x7f",
        ["print"] = @"\x20-\x7e",
        ["graph"] = @"\x21-\x7e",
    };

    /// <summary>Tries to compile <paramref name="ere"/>; on failure <paramref name="error"/> says why.</summary>
    public static bool TryCompile(string ere, out Regex? regex, out string? error)
    {
        regex = null;
        try
        {
            regex = new Regex(Translate(ere), Options);
            error = null;
            return true;
        }
        catch (ArgumentException e)
        {
            error = $"invalid regular expression: {e.Message}";
            return false;
        }
        catch (NotSupportedException e)
        {
            error = $"unsupported regular expression: {e.Message}";
            return false;
        }
    }

    /// <summary>Translates POSIX ERE syntax into .NET syntax with the same meaning.</summary>
    /// <exception cref="ArgumentException">The expression is not valid POSIX ERE.</exception>
    public static string Translate(string ere)
    {
        ArgumentNullException.ThrowIfNull(ere);
        var result = new StringBuilder(ere.Length + 8);
        for (var i = 0; i < ere.Length; i++)
        {
            var c = ere[i];
            switch (c)
            {
                case '\\':
                    if (i + 1 >= ere.Length)
                    {
                        throw new ArgumentException("trailing backslash", nameof(ere));
                    }

                    var next = ere[++i];
                    result.Append(next is '<' or '>' ? @"\b" : $"\\{next}");
                    break;
                case '(' when i + 1 < ere.Length && ere[i + 1] == '?':
                    throw new ArgumentException("'(?' is not POSIX syntax", nameof(ere));
                case '[':
                    i = TranslateBracket(ere, i, result);
                    break;
                default:
                    result.Append(c);
                    break;
            }
        }

        return result.ToString();
    }

    // Copies the bracket expression that starts at ere[start] == '[' and returns the index of its closing ']'.
    private static int TranslateBracket(string ere, int start, StringBuilder result)
    {
        var i = start + 1;
        result.Append('[');
        if (i < ere.Length && ere[i] == '^')
        {
            result.Append('^');
            i++;
        }

        var first = true;
        for (; i < ere.Length; i++, first = false)
        {
            var c = ere[i];
            if (c == ']' && !first)
            {
                result.Append(']');
                return i;
            }

            if (c == '[' && i + 1 < ere.Length && ere[i + 1] is ':' or '.' or '=')
            {
                var kind = ere[i + 1];
                var end = ere.IndexOf($"{kind}]", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw new ArgumentException("unterminated [: :], [. .] or [= =]", nameof(ere));
                }

                var name = ere[(i + 2)..end];
                if (kind != ':' || !NamedClasses.TryGetValue(name, out var members))
                {
                    throw new ArgumentException($"unsupported bracket element [{kind}{name}{kind}]", nameof(ere));
                }

                result.Append(members);
                i = end + 1;
                continue;
            }

            // Inside brackets POSIX has no escapes: '\', '[' and '^' are plain members, so escape them for .NET.
            if (c is '\\' or '[' or ']' or '^')
            {
                result.Append('\\');
            }

            result.Append(c);
        }

        throw new ArgumentException("unterminated bracket expression", nameof(ere));
    }
}
