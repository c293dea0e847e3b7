namespace WebProxy.Storage;

/// <summary>How a privacy officer answered a rights request.</summary>
public enum RightsRequestOutcome
{
    /// <summary>Granted; the answer says what was done.</summary>
    Granted,

    /// <summary>Refused; the answer gives the reasons.</summary>
    Refused,
}
