namespace WebProxy.Storage;

/// <summary>
/// The governance log refused to append because its head table and its last record disagree: appending would hide
/// the damage (a new record would chain onto a truncated log and move the head past it). Run the verifier.
/// </summary>
public sealed class GovernanceLogCorruptException : Exception
{
    public GovernanceLogCorruptException()
    {
    }

    public GovernanceLogCorruptException(string message)
        : base(message)
    {
    }

    public GovernanceLogCorruptException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
