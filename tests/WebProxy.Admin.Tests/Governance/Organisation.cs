using WebProxy.Policy.Identity;
using WebProxy.Testing;
using static WebProxy.Testing.TestOrganisation;

namespace WebProxy.Admin.Tests.Governance;

/// <summary>
/// The callers of the admin API tests: the people of <see cref="TestOrganisation"/> but e.visser (r.bakker and w.raad
/// stand for m.jansen's team), written to <c>directory.json</c> before the server starts. Everyone has their own
/// password (<see cref="TestOrganisation.PasswordOf"/>). Two callers are not people: <see cref="Anonymous"/> sends no
/// credentials and <see cref="WrongPassword"/> sends m.jansen's name with a wrong password.
/// </summary>
internal static class Organisation
{
    /// <summary>No Authorization header.</summary>
    public const string Anonymous = "(anonymous)";

    /// <summary>m.jansen's user name with a password that is not hers.</summary>
    public const string WrongPassword = "(wrong password)";

    /// <summary>Everyone in the directory, in file order.</summary>
    public static readonly string[] People =
        [Secretary, Manager, Researcher, WorksCouncilMember, OtherManager, OtherEmployee, Architect, PrivacyOfficer, SecurityOfficer, ItPerson, Mayor];

    /// <summary>Every caller of the authorisation matrix: the people, then the two who are nobody.</summary>
    public static readonly string[] Callers = [.. People, Anonymous, WrongPassword];

    /// <summary>The directory of <see cref="People"/>.</summary>
    public static PersonDirectory Directory => WithOwnPasswords.WithoutPerson(Colleague);
}
