namespace WebProxy.Policy.Rules;

/// <summary>
/// The categories of sites article 5.4 of the regulation (Privacyreglement e-mail- en internetgebruik) forbids. Their
/// stable lower-case names (<see cref="RegulationCategoryNames"/>) are what <c>categories/mapping.json</c>, metrics and
/// block pages use; the numeric values are not stable and must not be stored.
/// </summary>
public enum RegulationCategory
{
    /// <summary><c>adult</c>: pornographic sites.</summary>
    Adult,

    /// <summary><c>hate</c>: racist, discriminatory, defamatory or offensive sites.</summary>
    Hate,

    /// <summary><c>gambling</c>: online gambling.</summary>
    Gambling,

    /// <summary><c>chat</c>: chat sessions.</summary>
    Chat,

    /// <summary><c>warez</c>: illegal software.</summary>
    Warez,
}
