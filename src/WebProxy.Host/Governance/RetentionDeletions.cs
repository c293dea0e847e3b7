namespace WebProxy.Host.Governance;

/// <summary>What one retention run deleted, by class of personal data (article 7.1): counts only, for the log and metrics.</summary>
/// <param name="CapturedRequests">Requests captured under an investigation longer ago than <c>Investigations.RetentionDays</c>.</param>
/// <param name="ClosedInvestigationRequests">Requests of investigations whose recording ended more than <c>Investigations.ClosedGraceDays</c> ago.</param>
/// <param name="Exemptions">Exemptions that ended (expired or revoked) more than <c>Identity.ExemptionRetentionDays</c> ago.</param>
internal readonly record struct RetentionDeletions(int CapturedRequests, int ClosedInvestigationRequests, int Exemptions)
{
    public int Total => CapturedRequests + ClosedInvestigationRequests + Exemptions;
}
