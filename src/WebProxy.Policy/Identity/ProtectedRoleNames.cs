namespace WebProxy.Policy.Identity;

/// <summary>The stable names of the single flags of <see cref="ProtectedRole"/>.</summary>
public static class ProtectedRoleNames
{
    private static readonly string[] Names =
        ["works-council", "go-member", "mediator", "company-doctor", "confidential-role", "political-office-holder"];

    private static readonly ProtectedRole[] Flags =
    [
        ProtectedRole.WorksCouncil, ProtectedRole.GoMember, ProtectedRole.Mediator, ProtectedRole.CompanyDoctor,
        ProtectedRole.OtherConfidentialRole, ProtectedRole.PoliticalOfficeHolder,
    ];

    /// <summary>Every single flag, in declaration order (without <see cref="ProtectedRole.None"/>).</summary>
    public static IReadOnlyList<ProtectedRole> All => Flags;

    /// <summary>The stable lower-case name of a single flag, e.g. <c>works-council</c>.</summary>
    public static string Name(ProtectedRole role)
    {
        var index = Array.IndexOf(Flags, role);
        return index >= 0
            ? Names[index]
            : throw new ArgumentOutOfRangeException(nameof(role), role, "Not a single protected role.");
    }

    /// <summary>The names of every flag set in <paramref name="roles"/>, in declaration order.</summary>
    public static IReadOnlyList<string> NamesOf(ProtectedRole roles) => [.. Flags.Where(r => (roles & r) != 0).Select(Name)];

    /// <summary>Reads a stable name of a single flag; exact, lower-case only.</summary>
    public static bool TryParse(string? name, out ProtectedRole role)
    {
        var index = Array.IndexOf(Names, name);
        role = index < 0 ? ProtectedRole.None : Flags[index];
        return index >= 0;
    }
}
