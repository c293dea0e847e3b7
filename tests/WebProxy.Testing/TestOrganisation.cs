using System.Collections.Frozen;
using WebProxy.Policy.Identity;

namespace WebProxy.Testing;

/// <summary>
/// The municipality the governance tests run against, written to <c>directory.json</c> in a data folder:
/// <code>
/// secretary    municipal secretary, manager (top)
/// ├─ m.jansen    manager ── r.bakker, e.visser, w.raad (works council)
/// ├─ o.dekker    manager ── p.smit
/// ├─ t.arch      technical architect
/// ├─ p.officer   privacy officer
/// ├─ s.officer   security officer
/// └─ i.t         IT
/// mayor        mayor (top, no manager)
/// </code>
/// <see cref="WithAlderman"/> adds <see cref="Alderman"/>, an alderman (political office holder, article 6.7) at the
/// top beside the mayor, for the tests that need one; <see cref="Directory"/> itself stays as above.
/// In <see cref="Directory"/> everyone has the password <see cref="Password"/>; tests that must tell one person's
/// credentials from another's use <see cref="WithOwnPasswords"/>, where each has <see cref="PasswordOf"/>. Passwords
/// are hashed once per test process, at the lowest accepted cost, so building the directory and signing in stay fast.
/// </summary>
public static class TestOrganisation
{
    public const string Secretary = "secretary";
    public const string Manager = "m.jansen";
    public const string Researcher = "r.bakker";
    public const string Colleague = "e.visser";
    public const string WorksCouncilMember = "w.raad";
    public const string OtherManager = "o.dekker";
    public const string OtherEmployee = "p.smit";
    public const string Architect = "t.arch";
    public const string PrivacyOfficer = "p.officer";
    public const string SecurityOfficer = "s.officer";
    public const string ItPerson = "i.t";
    public const string Mayor = "mayor";

    /// <summary>An alderman (wethouder): a political office holder, only in <see cref="WithAlderman"/>.</summary>
    public const string Alderman = "a.wethouder";

    /// <summary>The alderman's display name.</summary>
    public const string AldermanName = "Anton Wethouder";

    /// <summary>Everyone's password in <see cref="Directory"/>.</summary>
    public const string Password = "correct horse battery staple";

    private const string DirectoryFileName = "directory.json";

    private static readonly Lazy<string> PasswordHash = new(() => Hash(Password));

    private static readonly Lazy<PersonDirectory> SharedPassword = new(() => Create(_ => PasswordHash.Value));

    private static readonly Lazy<PersonDirectory> OwnPasswords = new(() => Create(id => Hash(PasswordOf(id))));

    private static readonly Lazy<PersonDirectory> SharedPasswordWithAlderman = new(() => SharedPassword.Value.WithPerson(
        new Person(Alderman, AldermanName, null, FrozenSet.ToFrozenSet([Role.Employee]), ProtectedRole.PoliticalOfficeHolder, PasswordHash.Value)));

    /// <summary>The organisation; everyone's password is <see cref="Password"/>.</summary>
    public static PersonDirectory Directory => SharedPassword.Value;

    /// <summary>The same organisation with everyone's own password (<see cref="PasswordOf"/>).</summary>
    public static PersonDirectory WithOwnPasswords => OwnPasswords.Value;

    /// <summary><see cref="Directory"/> and the alderman <see cref="Alderman"/> (password <see cref="Password"/>).</summary>
    public static PersonDirectory WithAlderman => SharedPasswordWithAlderman.Value;

    /// <summary>A person's own password in <see cref="WithOwnPasswords"/>.</summary>
    public static string PasswordOf(string personId) => $"{personId} {Password}";

    /// <summary>Writes <see cref="Directory"/> to <c>directory.json</c> in <paramref name="dataDirectory"/>; returns the file's path.</summary>
    public static string WriteTo(string dataDirectory) => WriteTo(dataDirectory, Directory);

    /// <summary>Writes <paramref name="directory"/> (this organisation, changed) to <c>directory.json</c> in <paramref name="dataDirectory"/>.</summary>
    public static string WriteTo(string dataDirectory, PersonDirectory directory)
    {
        System.IO.Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, DirectoryFileName);
        File.WriteAllText(path, PersonDirectoryFile.Write(directory));
        return path;
    }

    private static PersonDirectory Create(Func<string, string> passwordHashOf)
    {
        Person Person(string id, string name, string? manager, Role[] roles, ProtectedRole protectedRoles = ProtectedRole.None) =>
            new(id, name, manager, roles.ToFrozenSet(), protectedRoles, passwordHashOf(id));

        return PersonDirectory.Create(
        [
            Person(Secretary, "Sanne de Groot", null, [Role.Employee, Role.Manager, Role.MunicipalSecretary]),
            Person(Manager, "Marieke Jansen", Secretary, [Role.Employee, Role.Manager]),
            Person(Researcher, "Ruud Bakker", Manager, [Role.Employee]),
            Person(Colleague, "Eva Visser", Manager, [Role.Employee]),
            Person(WorksCouncilMember, "Wim Raad", Manager, [Role.Employee], ProtectedRole.WorksCouncil),
            Person(OtherManager, "Olga Dekker", Secretary, [Role.Employee, Role.Manager]),
            Person(OtherEmployee, "Pim Smit", OtherManager, [Role.Employee]),
            Person(Architect, "Thijs Arch", Secretary, [Role.Employee, Role.TechnicalArchitect]),
            Person(PrivacyOfficer, "Petra Officier", Secretary, [Role.Employee, Role.PrivacyOfficer]),
            Person(SecurityOfficer, "Sem Officier", Secretary, [Role.Employee, Role.SecurityOfficer]),
            Person(ItPerson, "Ilse Tee", Secretary, [Role.Employee, Role.It]),
            Person(Mayor, "Femke Burgemeester", null, [Role.Employee, Role.Mayor]),
        ]);
    }

    private static string Hash(string password) => PasswordHasher.Hash(password, PasswordHasher.MinimumIterations);
}
