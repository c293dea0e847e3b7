namespace WebProxy.Storage;

/// <summary>
/// What a governance log record is about. The vocabulary is fixed: each value is stored as the stable lower-case
/// name in <see cref="GovernanceActionNames"/>, never as its number, so reordering this enum cannot change history.
/// </summary>
public enum GovernanceAction
{
    /// <summary>A manager or Technical Architect granted an exemption (article 5.4).</summary>
    ExemptionGranted = 1,

    /// <summary>An exemption was revoked before its end.</summary>
    ExemptionRevoked,

    /// <summary>An exemption reached its end and stopped applying.</summary>
    ExemptionExpired,

    /// <summary>A person, role or manager in the directory was added, changed or removed.</summary>
    DirectoryChanged,

    /// <summary>Someone logged in to the admin API.</summary>
    AdminLogin,

    /// <summary>A login to the admin API was refused.</summary>
    AdminLoginFailed,

    /// <summary>Someone read personal data, with the purpose they stated (article 4.3).</summary>
    PersonalDataRead,
}
