namespace WebProxy.Statistics.Sites;

/// <summary>
/// What the Public Suffix List's rules say about one name, as stored in the lookup table. One name can carry several
/// kinds: <c>kobe.jp</c> and <c>*.kobe.jp</c> are both rules, so the entry for <c>kobe.jp</c> is
/// <see cref="Normal"/> | <see cref="Wildcard"/>.
/// </summary>
[Flags]
internal enum SuffixRuleKinds
{
    /// <summary>No rule names exactly this; it is a parent of a longer rule (<c>jp</c> for <c>kobe.jp</c>), so a
    /// lookup walking leftwards must go on.</summary>
    None = 0,

    /// <summary><c>co.uk</c>: the name is a public suffix.</summary>
    Normal = 1,

    /// <summary><c>*.ck</c>, stored under <c>ck</c>: every child of the name is a public suffix.</summary>
    Wildcard = 2,

    /// <summary><c>!www.ck</c>, stored under <c>www.ck</c>: the name is not a public suffix although a wildcard says
    /// so; its parent is. An exception always prevails over other matching rules.</summary>
    Exception = 4,
}
