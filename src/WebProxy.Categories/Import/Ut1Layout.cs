using System.Globalization;
using WebProxy.Policy.Categories;

namespace WebProxy.Categories.Import;

/// <summary>Names in a UT1 tree: which files are lists, split parts, and safe alias targets.</summary>
internal static class Ut1Layout
{
    /// <summary>The optional top-level folder of UT1's tarball and of an unpacked copy of it.</summary>
    public const string TopFolder = "blacklists";

    /// <summary>
    /// Classifies a file name of a category folder: <c>domains</c>, <c>urls</c>, <c>expressions</c>, or a byte-split
    /// part <c>domains.0</c>, <c>domains.1</c>, ... (<paramref name="part"/> is -1 for an unsplit file). Everything
    /// else (<c>usage</c>, the opt-in <c>very_restrictive_expression</c>, <c>LICENSE.pdf</c>) is not a list.
    /// </summary>
    public static bool TryClassify(string fileName, out ListKind kind, out int part)
    {
        part = -1;
        var dot = fileName.IndexOf('.', StringComparison.Ordinal);
        var stem = dot < 0 ? fileName : fileName[..dot];
        switch (stem)
        {
            case "domains":
                kind = ListKind.Domains;
                break;
            case "urls":
                kind = ListKind.Urls;
                break;
            case "expressions":
                kind = ListKind.Expressions;
                break;
            default:
                kind = default;
                return false;
        }

        if (dot < 0)
        {
            return true;
        }

        var suffix = fileName.AsSpan(dot + 1);
        return suffix.Length is > 0 and <= 6
            && !suffix.ContainsAnyExceptInRange('0', '9')
            && int.TryParse(suffix, NumberStyles.None, CultureInfo.InvariantCulture, out part);
    }

    /// <summary>The list file's name in a UT1 folder, e.g. <c>domains</c>.</summary>
    public static string FileName(ListKind kind) => kind switch
    {
        ListKind.Domains => "domains",
        ListKind.Urls => "urls",
        ListKind.Expressions => "expressions",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>
    /// True when a symlink target names a sibling folder (<c>adult</c>, <c>./adult</c>, <c>adult/</c>): an alias.
    /// Anything with a path separator or <c>..</c> points elsewhere and is never followed.
    /// </summary>
    public static bool TryAliasTarget(string? linkTarget, out string target)
    {
        target = (linkTarget ?? string.Empty).Trim();
        if (target.StartsWith("./", StringComparison.Ordinal))
        {
            target = target[2..];
        }

        target = target.TrimEnd('/');
        return IsPlainName(target);
    }

    /// <summary>A single path segment that is not <c>.</c> or <c>..</c> and has no separator or control character.</summary>
    public static bool IsPlainName(string name) =>
        name.Length is > 0 and <= 255
        && name is not "." and not ".."
        && name.IndexOfAny(['/', '\\', '\0']) < 0
        && !name.Any(char.IsControl);

    /// <summary>
    /// The path segments of an archive entry below the optional <c>blacklists/</c> folder, or null when the name is
    /// absolute, climbs with <c>..</c> or is empty.
    /// </summary>
    public static string[]? ArchiveSegments(string entryName)
    {
        var name = entryName.Replace('\\', '/');
        if (name.StartsWith('/'))
        {
            return null;
        }

        var segments = name.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != ".").ToArray();
        if (segments.Length == 0 || segments.Any(s => !IsPlainName(s)))
        {
            return null;
        }

        return segments[0] == TopFolder ? segments[1..] : segments;
    }
}
