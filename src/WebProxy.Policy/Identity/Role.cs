namespace WebProxy.Policy.Identity;

/// <summary>
/// What a person may do in the proxy's administration (issue 4). A person has one or more. The stable lower-case names
/// (<see cref="RoleNames"/>) are what the directory file, the admin API and the governance log use; the numeric values
/// are not stable and must not be stored.
/// </summary>
public enum Role
{
    /// <summary><c>employee</c>: every member of staff.</summary>
    Employee,

    /// <summary><c>manager</c>: grants research exemptions to their own team (article 5.4).</summary>
    Manager,

    /// <summary><c>technical-architect</c>: grants oversized-transfer exemptions (article 5.4).</summary>
    TechnicalArchitect,

    /// <summary><c>municipal-secretary</c>: the top of the civil service.</summary>
    MunicipalSecretary,

    /// <summary><c>mayor</c>: the mayor.</summary>
    Mayor,

    /// <summary><c>privacy-officer</c>: the privacy officer (functionaris gegevensbescherming); may revoke exemptions.</summary>
    PrivacyOfficer,

    /// <summary><c>security-officer</c>: the information security officer.</summary>
    SecurityOfficer,

    /// <summary><c>it</c>: IT staff who run the proxy.</summary>
    It,
}
