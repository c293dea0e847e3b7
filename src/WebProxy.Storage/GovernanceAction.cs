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

    /// <summary>A manager or security officer requested an investigation (article 6.2).</summary>
    InvestigationRequested,

    /// <summary>The municipal secretary, or for a political office holder the mayor, approved an investigation (6.2, 6.3, 6.7).</summary>
    InvestigationApproved,

    /// <summary>
    /// An investigation was refused: by its approver, or because it named a person protected by article 6.6 (that
    /// record has no subject and does not name them).
    /// </summary>
    InvestigationRefused,

    /// <summary>An investigation was withdrawn before approval, or stopped before its end.</summary>
    InvestigationWithdrawn,

    /// <summary>A named reader read (or exported) an investigation's report, with the purpose they stated.</summary>
    InvestigationReportRead,

    /// <summary>The municipal secretary put an investigation's records on legal hold (article 7.1).</summary>
    LegalHoldSet,

    /// <summary>The municipal secretary released a legal hold.</summary>
    LegalHoldReleased,

    /// <summary>Personal data was deleted (retention, erasure); the record holds counts, never the data (article 7.1).</summary>
    RecordsDeleted,

    /// <summary>
    /// An investigation's records were blocked on the subject's granted request (article 8): kept, no longer provided.
    /// </summary>
    RecordsBlocked,

    /// <summary>A person filed a request to correct, complete, delete or block their data (article 8).</summary>
    RightsRequestFiled,

    /// <summary>A privacy officer answered a person's rights request: granted (with what was done) or refused (with reasons).</summary>
    RightsRequestAnswered,
}
