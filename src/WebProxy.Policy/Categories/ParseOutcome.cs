namespace WebProxy.Policy.Categories;

/// <summary>What <see cref="ListEntryParser.Parse"/> made of a line.</summary>
public enum ParseOutcome
{
    /// <summary>The line is an entry.</summary>
    Entry,

    /// <summary>A blank or <c>#</c> comment line; not an entry, not a problem.</summary>
    Skipped,

    /// <summary>The line is malformed or can never match; the reason says which.</summary>
    Problem,
}
