namespace WebProxy.Statistics.Sites;

/// <summary>
/// A Public Suffix List file that cannot be used: empty, not text, without rules, cut off inside a section, or with a
/// malformed rule. The message names the file and the line: <c>public_suffix_list.dat, line 812: ...</c>, or only
/// the file when the problem is the file as a whole. A caller keeps the list it had (or the
/// <see cref="PublicSuffixList.Fallback"/>) rather than half a list.
/// </summary>
public sealed class PublicSuffixListException : Exception
{
    public PublicSuffixListException()
    {
        FileName = string.Empty;
        Reason = string.Empty;
    }

    public PublicSuffixListException(string message)
        : base(message)
    {
        FileName = string.Empty;
        Reason = message;
    }

    public PublicSuffixListException(string message, Exception innerException)
        : base(message, innerException)
    {
        FileName = string.Empty;
        Reason = message;
    }

    /// <param name="fileName">The file as the caller named it.</param>
    /// <param name="line">The 1-based line, or 0 when the problem is the file as a whole.</param>
    /// <param name="reason">What is wrong, without the location.</param>
    public PublicSuffixListException(string fileName, int line, string reason)
        : base(line > 0 ? $"{fileName}, line {line}: {reason}" : $"{fileName}: {reason}")
    {
        FileName = fileName;
        Line = line;
        Reason = reason;
    }

    /// <summary>The file as the caller named it; empty when none was given.</summary>
    public string FileName { get; }

    /// <summary>The 1-based line, or 0 when the problem is the file as a whole.</summary>
    public int Line { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; }
}
