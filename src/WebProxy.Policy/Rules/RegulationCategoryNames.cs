namespace WebProxy.Policy.Rules;

/// <summary>The stable names of <see cref="RegulationCategory"/> and the order in which a block reports them.</summary>
public static class RegulationCategoryNames
{
    private static readonly string[] Names = ["adult", "hate", "gambling", "chat", "warez"];

    /// <summary>
    /// When a URL is in lists of several blocked regulation categories, the block names the first of these. The
    /// most serious comes first: adult and hate content, then illegal software, then gambling, then chat. So
    /// <c>chatroulette.com</c> (UT1 chat and mixed_adult) is reported as adult when mixed_adult is blocked.
    /// </summary>
    public static IReadOnlyList<RegulationCategory> Priority { get; } =
        [RegulationCategory.Adult, RegulationCategory.Hate, RegulationCategory.Warez, RegulationCategory.Gambling, RegulationCategory.Chat];

    /// <summary>Every category, in declaration order.</summary>
    public static IReadOnlyList<RegulationCategory> All { get; } =
        [RegulationCategory.Adult, RegulationCategory.Hate, RegulationCategory.Gambling, RegulationCategory.Chat, RegulationCategory.Warez];

    /// <summary>The stable lower-case name, e.g. <c>adult</c>.</summary>
    public static string Name(RegulationCategory category) =>
        (uint)category < (uint)Names.Length
            ? Names[(int)category]
            : throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown regulation category.");

    /// <summary>Reads a stable name; exact, lower-case only.</summary>
    public static bool TryParse(string? name, out RegulationCategory category)
    {
        var index = Array.IndexOf(Names, name);
        category = index < 0 ? default : (RegulationCategory)index;
        return index >= 0;
    }
}
