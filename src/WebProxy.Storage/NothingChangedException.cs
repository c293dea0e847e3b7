namespace WebProxy.Storage;

/// <summary>
/// Rolls a governance transaction back when the row to change is gone (or no longer in the state the change starts
/// from): the record must not be written alone. Thrown inside <see cref="GovernanceLog.AppendWith"/> or
/// <see cref="GovernanceLog.AppendAfter"/> and caught by the caller, which then reports that nothing changed.
/// </summary>
internal sealed class NothingChangedException : Exception;
