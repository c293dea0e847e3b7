namespace WebProxy.Policy.Identity;

/// <summary>The stable names of <see cref="Role"/>.</summary>
public static class RoleNames
{
    private static readonly string[] Names =
        ["employee", "manager", "technical-architect", "municipal-secretary", "mayor", "privacy-officer", "security-officer", "it"];

    /// <summary>Every role, in declaration order.</summary>
    public static IReadOnlyList<Role> All { get; } =
    [
        Role.Employee, Role.Manager, Role.TechnicalArchitect, Role.MunicipalSecretary, Role.Mayor, Role.PrivacyOfficer,
        Role.SecurityOfficer, Role.It,
    ];

    /// <summary>The stable lower-case name, e.g. <c>technical-architect</c>.</summary>
    public static string Name(Role role) =>
        (uint)role < (uint)Names.Length
            ? Names[(int)role]
            : throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role.");

    /// <summary>Reads a stable name; exact, lower-case only.</summary>
    public static bool TryParse(string? name, out Role role)
    {
        var index = Array.IndexOf(Names, name);
        role = index < 0 ? default : (Role)index;
        return index >= 0;
    }
}
