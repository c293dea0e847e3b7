using System.Diagnostics.CodeAnalysis;

namespace WebProxy.Storage;

/// <summary>
/// The stored names of <see cref="GovernanceAction"/>. These strings are part of the hashed record: once a name has
/// been written it must never change, or every record carrying it stops verifying.
/// </summary>
public static class GovernanceActionNames
{
    /// <summary>The stored name of <paramref name="action"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not in the vocabulary.</exception>
    public static string ToName(GovernanceAction action) => action switch
    {
        GovernanceAction.ExemptionGranted => "exemption_granted",
        GovernanceAction.ExemptionRevoked => "exemption_revoked",
        GovernanceAction.ExemptionExpired => "exemption_expired",
        GovernanceAction.DirectoryChanged => "directory_changed",
        GovernanceAction.AdminLogin => "admin_login",
        GovernanceAction.AdminLoginFailed => "admin_login_failed",
        GovernanceAction.PersonalDataRead => "personal_data_read",
        GovernanceAction.InvestigationRequested => "investigation_requested",
        GovernanceAction.InvestigationApproved => "investigation_approved",
        GovernanceAction.InvestigationRefused => "investigation_refused",
        GovernanceAction.InvestigationWithdrawn => "investigation_withdrawn",
        GovernanceAction.InvestigationReportRead => "investigation_report_read",
        GovernanceAction.LegalHoldSet => "legal_hold_set",
        GovernanceAction.LegalHoldReleased => "legal_hold_released",
        GovernanceAction.RecordsDeleted => "records_deleted",
        GovernanceAction.RecordsBlocked => "records_blocked",
        GovernanceAction.RightsRequestFiled => "rights_request_filed",
        GovernanceAction.RightsRequestAnswered => "rights_request_answered",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Not a governance action."),
    };

    /// <summary>The action stored as <paramref name="name"/>; false for a name outside the vocabulary.</summary>
    public static bool TryParse(string? name, [NotNullWhen(true)] out GovernanceAction? action)
    {
        action = name switch
        {
            "exemption_granted" => GovernanceAction.ExemptionGranted,
            "exemption_revoked" => GovernanceAction.ExemptionRevoked,
            "exemption_expired" => GovernanceAction.ExemptionExpired,
            "directory_changed" => GovernanceAction.DirectoryChanged,
            "admin_login" => GovernanceAction.AdminLogin,
            "admin_login_failed" => GovernanceAction.AdminLoginFailed,
            "personal_data_read" => GovernanceAction.PersonalDataRead,
            "investigation_requested" => GovernanceAction.InvestigationRequested,
            "investigation_approved" => GovernanceAction.InvestigationApproved,
            "investigation_refused" => GovernanceAction.InvestigationRefused,
            "investigation_withdrawn" => GovernanceAction.InvestigationWithdrawn,
            "investigation_report_read" => GovernanceAction.InvestigationReportRead,
            "legal_hold_set" => GovernanceAction.LegalHoldSet,
            "legal_hold_released" => GovernanceAction.LegalHoldReleased,
            "records_deleted" => GovernanceAction.RecordsDeleted,
            "records_blocked" => GovernanceAction.RecordsBlocked,
            "rights_request_filed" => GovernanceAction.RightsRequestFiled,
            "rights_request_answered" => GovernanceAction.RightsRequestAnswered,
            _ => null,
        };
        return action is not null;
    }
}
