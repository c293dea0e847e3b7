namespace WebProxy.Policy.Identity;

/// <summary>
/// Article 6.6: people whose role makes their communication confidential, so monitoring of them needs extra care. Flags:
/// a person can hold several. The stable lower-case names (<see cref="ProtectedRoleNames"/>) are what the directory file
/// and the admin API use; the numeric values are not stable and must not be stored.
/// </summary>
[Flags]
public enum ProtectedRole
{
    /// <summary>No protected role.</summary>
    None = 0,

    /// <summary><c>works-council</c>: member of the works council (ondernemingsraad).</summary>
    WorksCouncil = 1 << 0,

    /// <summary><c>go-member</c>: member of the GO (georganiseerd overleg with the unions).</summary>
    GoMember = 1 << 1,

    /// <summary><c>mediator</c>: mediator.</summary>
    Mediator = 1 << 2,

    /// <summary><c>company-doctor</c>: company doctor (bedrijfsarts).</summary>
    CompanyDoctor = 1 << 3,

    /// <summary><c>confidential-role</c>: another confidential role, such as the confidential adviser (vertrouwenspersoon).</summary>
    OtherConfidentialRole = 1 << 4,

    /// <summary><c>political-office-holder</c>: political office holder, such as an alderman (wethouder).</summary>
    PoliticalOfficeHolder = 1 << 5,
}
