namespace WebProxy.Storage;

/// <summary>
/// The <c>kind</c> of a <c>records_deleted</c> governance record: which rule deleted personal data. The host re-applies
/// the kinds that name captured requests after a restore of <c>investigations.db</c> (article 7.2).
/// </summary>
public static class DeletionKinds
{
    /// <summary>Captured requests older than the retention (article 7.1); the record holds the cut-off.</summary>
    public const string CapturedBefore = "captured-before";

    /// <summary>A closed investigation's requests after its grace period; the record names the investigation.</summary>
    public const string InvestigationClosed = "investigation-closed";

    /// <summary>Exemptions that ended longer ago than their retention; the exemptions live beside the log.</summary>
    public const string ExemptionsEnded = "exemptions-ended";

    /// <summary>
    /// The requests captured about a person under one investigation, erased on their granted deletion request
    /// (article 8); the record names the investigation and the request.
    /// </summary>
    public const string Erasure = "erasure";

    /// <summary>
    /// Records a restored backup brought back and the host deleted again at start because an earlier deletion or
    /// erasure is on record (article 7.2); the record holds the count.
    /// </summary>
    public const string Reapplied = "reapplied-after-restore";
}
