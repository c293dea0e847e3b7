namespace WebProxy.Storage;

/// <summary>What a person asks for about their own data (article 8 of the regulation).</summary>
public enum RightsRequestKind
{
    /// <summary>Correct data that is wrong.</summary>
    Correct,

    /// <summary>Complete data that is incomplete.</summary>
    Complete,

    /// <summary>Delete data.</summary>
    Delete,

    /// <summary>Block data: keep it, but no longer use or provide it.</summary>
    Block,
}
