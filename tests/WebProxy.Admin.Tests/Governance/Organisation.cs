using System.Collections.Frozen;
using WebProxy.Policy.Identity;

namespace WebProxy.Admin.Tests.Governance;

/// <summary>
/// The municipality the admin API tests run against, written to <c>directory.json</c> before the server starts:
/// <code>
/// secretary    municipal secretary, manager (top)
/// ├─ m.jansen    manager ── r.bakker, w.raad (works council)
/// ├─ o.dekker    manager ── p.smit
/// ├─ t.arch      technical architect
/// ├─ p.officer   privacy officer
/// ├─ s.officer   security officer
/// └─ i.t         IT
/// mayor        mayor (top, no manager)
/// </code>
/// Everyone has their own password (<see cref="PasswordOf"/>). Two callers are not people: <see cref="Anonymous"/>
/// sends no credentials and <see cref="WrongPassword"/> sends m.jansen's name with a wrong password.
/// </summary>
internal static class Organisation
{
    public const string Secretary = "secretary";
    public const string Manager = "m.jansen";
    public const string Employee = "r.bakker";
    public const string WorksCouncilMember = "w.raad";
    public const string OtherManager = "o.dekker";
    public const string OtherEmployee = "p.smit";
    public const string Architect = "t.arch";
    public const string PrivacyOfficer = "p.officer";
    public const string SecurityOfficer = "s.officer";
    public const string It = "i.t";
    public const string Mayor = "mayor";

    /// <summary>No Authorization header.</summary>
    public const string Anonymous = "(anonymous)";

    /// <summary>m.jansen's user name with a password that is not hers.</summary>
    public const string WrongPassword = "(wrong password)";

    /// <summary>Everyone in the directory, in file order.</summary>
    public static readonly string[] People =
        [Secretary, Manager, Employee, WorksCouncilMember, OtherManager, OtherEmployee, Architect, PrivacyOfficer, SecurityOfficer, It, Mayor];

    /// <summary>Every caller of the authorisation matrix: the people, then the two who are nobody.</summary>
    public static readonly string[] Callers = [.. People, Anonymous, WrongPassword];

    /// <summary>The people each is in the line of management of (for reading the expectations).</summary>
    public static readonly IReadOnlyDictionary<string, string?> ManagerOf = new Dictionary<string, string?>
    {
        [Secretary] = null,
        [Manager] = Secretary,
        [Employee] = Manager,
        [WorksCouncilMember] = Manager,
        [OtherManager] = Secretary,
        [OtherEmployee] = OtherManager,
        [Architect] = Secretary,
        [PrivacyOfficer] = Secretary,
        [SecurityOfficer] = Secretary,
        [It] = Secretary,
        [Mayor] = null,
    };

    /// <summary>The directory file's text; passwords hashed at the cheapest accepted cost so sign-ins stay fast.</summary>
    public static string DirectoryJson { get; } = PersonDirectoryFile.Write(PersonDirectory.Create(
    [
        Person(Secretary, "Sanne de Groot", [Role.Employee, Role.Manager, Role.MunicipalSecretary]),
        Person(Manager, "Marieke Jansen", [Role.Employee, Role.Manager]),
        Person(Employee, "Ruud Bakker", [Role.Employee]),
        Person(WorksCouncilMember, "Wim Raad", [Role.Employee], ProtectedRole.WorksCouncil),
        Person(OtherManager, "Olga Dekker", [Role.Employee, Role.Manager]),
        Person(OtherEmployee, "Pim Smit", [Role.Employee]),
        Person(Architect, "Thijs Arch", [Role.Employee, Role.TechnicalArchitect]),
        Person(PrivacyOfficer, "Petra Officier", [Role.Employee, Role.PrivacyOfficer]),
        Person(SecurityOfficer, "Sem Officier", [Role.Employee, Role.SecurityOfficer]),
        Person(It, "Ilse Tee", [Role.Employee, Role.It]),
        Person(Mayor, "Femke Burgemeester", [Role.Employee, Role.Mayor]),
    ]));

    /// <summary>Each person's own password.</summary>
    public static string PasswordOf(string personId) => $"{personId} correct horse battery staple";

    private static Person Person(string id, string name, Role[] roles, ProtectedRole protectedRoles = ProtectedRole.None) =>
        new(id, name, ManagerOf[id], roles.ToFrozenSet(), protectedRoles, PasswordHasher.Hash(PasswordOf(id), PasswordHasher.MinimumIterations));
}
