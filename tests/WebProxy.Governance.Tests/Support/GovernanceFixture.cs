using System.Collections.Frozen;
using Microsoft.Extensions.Time.Testing;
using WebProxy.Policy.Exemptions;
using WebProxy.Policy.Identity;
using WebProxy.Storage;
using WebProxy.Testing;

namespace WebProxy.Governance.Tests.Support;

/// <summary>
/// A small municipality on real files: <c>directory.json</c> and <c>governance.db</c> in a temporary folder, a fake
/// clock, and one <see cref="GovernanceInstance"/> over them.
/// <code>
/// s.degroot   municipal secretary, manager (top)
/// ├─ m.jansen    manager ── r.bakker, e.visser, w.raad (works council)
/// ├─ o.dekker    manager ── p.smit
/// ├─ t.arch      technical architect
/// ├─ p.officer   privacy officer
/// ├─ s.officer   security officer
/// └─ i.t         IT
/// </code>
/// Everyone has the password <see cref="Password"/>.
/// </summary>
internal sealed class GovernanceFixture : IDisposable
{
    public const string DirectoryFileName = "directory.json";

    public const string Password = "correct horse battery staple";

    public const string Secretary = "s.degroot";
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

    /// <summary>A Monday morning; the fake clock starts here.</summary>
    public static readonly DateTimeOffset Start = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    // Hashed once, at the lowest accepted cost, so building the directory stays fast.
    private static readonly string PasswordHash = PasswordHasher.Hash(Password, PasswordHasher.MinimumIterations);

    private readonly TempDirectory _data = new();

    public GovernanceFixture()
    {
        File.WriteAllText(DirectoryPath, PersonDirectoryFile.Write(Organisation()));
        Instance = new GovernanceInstance(_data.Path, Clock);
    }

    public FakeTimeProvider Clock { get; } = new(Start);

    public string DataPath => _data.Path;

    public string DirectoryPath => Path.Combine(_data.Path, DirectoryFileName);

    public GovernanceInstance Instance { get; }

    public GovernanceState State => Instance.State;

    public GovernanceLog Log => Instance.Log;

    public ExemptionService Exemptions => Instance.Exemptions;

    public DirectoryService Directory => Instance.Directory;

    public SignInService SignIn => Instance.SignIn;

    public GovernanceLogService LogService => Instance.LogService;

    /// <summary>Another process (the command line, a restarted service) over the same files.</summary>
    public GovernanceInstance OpenAnotherInstance() => new(_data.Path, Clock);

    /// <summary>A gambling research exemption from now for <paramref name="days"/> days, granted by the subject's manager.</summary>
    public Exemption GrantResearch(string subject = Researcher, string grantor = Manager, int days = 30)
    {
        var now = Clock.GetUtcNow();
        var granted = Exemptions.GrantResearch(Actor.Api(grantor), new ResearchGrantRequest(subject, ["gambling"], now, now.AddDays(days), "Gambling permit inspections"));
        Assert.True(granted.Succeeded, granted.Problem?.ToString());
        return granted.Value;
    }

    /// <summary>Every record in the log, optionally of one action only.</summary>
    public IReadOnlyList<GovernanceRecord> Records(GovernanceAction? action = null) =>
        [.. Log.Read(DateTimeOffset.UnixEpoch, Start.AddYears(10)).Where(r => action is null || r.Action == action)];

    public void Dispose()
    {
        Instance.Dispose();
        _data.Dispose();
    }

    private static PersonDirectory Organisation() => PersonDirectory.Create(
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
    ]);

    private static Person Person(string id, string name, string? manager, Role[] roles, ProtectedRole protectedRoles = ProtectedRole.None) =>
        new(id, name, manager, roles.ToFrozenSet(), protectedRoles, PasswordHash);
}
