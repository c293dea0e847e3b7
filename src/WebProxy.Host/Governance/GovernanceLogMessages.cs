using Microsoft.Extensions.Logging;

namespace WebProxy.Host.Governance;

/// <summary>Operational messages about governance; never a person's name or id (those belong in the governance log).</summary>
internal static partial class GovernanceLogMessages
{
    [LoggerMessage(EventId = 400, Level = LogLevel.Error, Message = "The directory file was changed but is not valid; the previous directory stays in force: {Problem}")]
    public static partial void DirectoryRejected(ILogger logger, string problem);

    [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "Governance data could not be refreshed: {Problem}")]
    public static partial void RefreshFailed(ILogger logger, string problem);

    [LoggerMessage(EventId = 402, Level = LogLevel.Information, Message = "{Count} exemption(s) ended; their expiry is recorded in the governance log.")]
    public static partial void ExemptionsExpired(ILogger logger, int count);

    [LoggerMessage(EventId = 403, Level = LogLevel.Information, Message = "Retention deleted {CapturedRequests} captured request(s) past their retention, {ClosedInvestigationRequests} of closed investigations and {Exemptions} ended exemption(s); each deletion is recorded in the governance log.")]
    public static partial void PersonalDataDeleted(ILogger logger, int capturedRequests, int closedInvestigationRequests, int exemptions);
}
