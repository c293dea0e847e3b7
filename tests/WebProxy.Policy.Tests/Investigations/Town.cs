using WebProxy.Policy.Identity;
using WebProxy.Policy.Investigations;

namespace WebProxy.Policy.Tests.Investigations;

/// <summary>A small municipality and fixed moments, shared by the investigation tests.</summary>
internal static class Town
{
    public const string Secretary = "s.degroot";
    public const string Mayor = "f.burgemeester";
    public const string Manager = "m.jansen";
    public const string OtherManager = "o.dekker";
    public const string SecurityOfficer = "s.officier";
    public const string PrivacyOfficer = "p.officier";
    public const string Suspect = "r.bakker";
    public const string Colleague = "e.visser";
    public const string Alderman = "a.wethouder";

    /// <summary>Display names are the id in capitals, so a test can look for the name in a message too.</summary>
    public static string NameOf(string id) => id.ToUpperInvariant();

    /// <summary>Monday 3 March 2025, 09:00 in the Netherlands: "now" in every test unless it says otherwise.</summary>
    public static readonly DateTimeOffset Now = new(2025, 3, 3, 9, 0, 0, TimeSpan.FromHours(1));

    public static readonly InvestigationRules Check = new(InvestigationSettings.Default);

    /// <summary>
    /// The secretary (also a manager) at the top with two managers, the security and privacy officers; the manager's
    /// team: the suspect and a colleague. The mayor and an alderman (political office holder) are at the top.
    /// </summary>
    public static readonly PersonDirectory People = PersonDirectory.Create(
    [
        Make(Secretary, null, ProtectedRole.None, Role.Employee, Role.Manager, Role.MunicipalSecretary),
        Make(Manager, Secretary, ProtectedRole.None, Role.Employee, Role.Manager),
        Make(OtherManager, Secretary, ProtectedRole.None, Role.Employee, Role.Manager),
        Make(SecurityOfficer, Secretary, ProtectedRole.None, Role.Employee, Role.SecurityOfficer),
        Make(PrivacyOfficer, Secretary, ProtectedRole.None, Role.Employee, Role.PrivacyOfficer),
        Make(Suspect, Manager, ProtectedRole.None, Role.Employee),
        Make(Colleague, Manager, ProtectedRole.None, Role.Employee),
        Make(Mayor, null, ProtectedRole.None, Role.Employee, Role.Mayor),
        Make(Alderman, null, ProtectedRole.PoliticalOfficeHolder, Role.Employee),
    ]);

    /// <summary><see cref="People"/> with <paramref name="id"/> given <paramref name="roles"/> (article 6.6).</summary>
    public static PersonDirectory WithProtected(string id, ProtectedRole roles)
    {
        var person = People.Find(id)!;
        return People.WithPerson(person with { ProtectedRoles = roles });
    }

    /// <summary>A valid request: the manager asks to look into the suspect's traffic for 7 days from now, read by the manager and the security officer.</summary>
    public static Investigation Request(
        string subject = Suspect,
        string requestedBy = Manager,
        InvestigationScope scope = InvestigationScope.Traffic,
        DateTimeOffset? start = null,
        TimeSpan? period = null,
        IReadOnlyList<string>? readers = null,
        InvestigationKind kind = InvestigationKind.Regular)
    {
        var from = start ?? Now;
        return new Investigation
        {
            Id = Guid.NewGuid(),
            SubjectId = subject,
            Kind = kind,
            Purpose = "Suspicion of running a private web shop during working hours",
            LegalGround = "Art. 6.2 Privacyreglement e-mail- en internetgebruik",
            Scope = scope,
            Start = from,
            End = from + (period ?? TimeSpan.FromDays(7)),
            Readers = readers ?? [Manager, SecurityOfficer],
            RequestedBy = requestedBy,
            RequestedAt = Now,
        };
    }

    /// <summary>An investigation of the alderman: requested by the security officer, read by the mayor.</summary>
    public static Investigation AldermanRequest(InvestigationScope scope = InvestigationScope.Traffic) =>
        Request(subject: Alderman, requestedBy: SecurityOfficer, scope: scope, readers: [Mayor], kind: InvestigationKind.PoliticalOfficeHolder);

    /// <summary><paramref name="investigation"/> approved at <paramref name="at"/> (default: its start).</summary>
    public static Investigation Approved(Investigation investigation, DateTimeOffset? at = null, string by = Secretary, bool defer = false) =>
        investigation with { State = InvestigationState.Approved, DecidedBy = by, DecidedAt = at ?? investigation.Start, DeferDisclosure = defer };

    private static Person Make(string id, string? manager, ProtectedRole protectedRoles, params Role[] roles) =>
        new(id, NameOf(id), manager, new HashSet<Role>(roles), protectedRoles, null);
}
