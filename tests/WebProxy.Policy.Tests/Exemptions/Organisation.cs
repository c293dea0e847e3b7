using WebProxy.Policy.Exemptions;
using WebProxy.Policy.Identity;
using WebProxy.Policy.Rules;

namespace WebProxy.Policy.Tests.Exemptions;

/// <summary>A small directory and fixed moments, shared by the exemption tests.</summary>
internal static class Organisation
{
    public const string Secretary = "a.jansen";
    public const string ManagerP = "p.bakker";
    public const string ManagerS = "s.visser";
    public const string Researcher = "j.devries";
    public const string Colleague = "m.smit";
    public const string Architect = "l.meijer";
    public const string PrivacyOfficer = "r.bos";
    public const string Employee = "e.dekker";

    /// <summary>Monday 3 March 2025, 09:00 in the Netherlands: "now" in every test unless it says otherwise.</summary>
    public static readonly DateTimeOffset Now = new(2025, 3, 3, 9, 0, 0, TimeSpan.FromHours(1));

    /// <summary>
    /// The municipal secretary (a manager) at the top; manager P with the researcher and a colleague; manager S with
    /// the technical architect, the privacy officer and an employee.
    /// </summary>
    public static readonly PersonDirectory People = PersonDirectory.Create(
    [
        Make(Secretary, null, Role.Employee, Role.MunicipalSecretary, Role.Manager),
        Make(ManagerP, Secretary, Role.Employee, Role.Manager),
        Make(ManagerS, Secretary, Role.Employee, Role.Manager, Role.It),
        Make(Researcher, ManagerP, Role.Employee),
        Make(Colleague, ManagerP, Role.Employee),
        Make(Architect, ManagerS, Role.Employee, Role.TechnicalArchitect, Role.It),
        Make(PrivacyOfficer, ManagerS, Role.Employee, Role.PrivacyOfficer),
        Make(Employee, ManagerS, Role.Employee),
    ]);

    public static readonly ExemptionRules Check = new(ExemptionSettings.Default);

    /// <summary>A valid research exemption: manager P grants the researcher 'adult' for 30 days from now.</summary>
    public static ResearchExemption Research(
        DateTimeOffset? start = null,
        TimeSpan? period = null,
        string subject = Researcher,
        string grantedBy = ManagerP,
        IReadOnlySet<RegulationCategory>? categories = null)
    {
        var from = start ?? Now;
        return new ResearchExemption
        {
            Id = Guid.NewGuid(),
            SubjectId = subject,
            GrantedBy = grantedBy,
            Categories = categories ?? new HashSet<RegulationCategory> { RegulationCategory.Adult },
            Start = from,
            End = from + (period ?? TimeSpan.FromDays(30)),
            Reason = "Investigation 2025-17 into misuse of municipal equipment",
        };
    }

    /// <summary>A valid size exemption: the architect grants the researcher 2 GB for 7 days from now.</summary>
    public static SizeExemption Size(
        long? maxBytes = 2_000_000_000,
        DateTimeOffset? start = null,
        TimeSpan? period = null,
        string subject = Researcher,
        string grantedBy = Architect)
    {
        var from = start ?? Now;
        return new SizeExemption
        {
            Id = Guid.NewGuid(),
            SubjectId = subject,
            GrantedBy = grantedBy,
            MaxBytes = maxBytes,
            Start = from,
            End = from + (period ?? TimeSpan.FromDays(7)),
            Reason = "Downloading the aerial photographs of the municipality",
        };
    }

    private static Person Make(string id, string? manager, params Role[] roles) =>
        new(id, id.ToUpperInvariant(), manager, new HashSet<Role>(roles), ProtectedRole.None, null);
}
