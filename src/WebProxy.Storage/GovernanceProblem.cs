namespace WebProxy.Storage;

/// <summary>What <see cref="GovernanceLogVerifier"/> found wrong, in kinds an operator can act on.</summary>
public enum GovernanceProblem
{
    /// <summary>Nothing: the chain and the head agree.</summary>
    None,

    /// <summary>A record's contents no longer match its hash: it was edited after it was written.</summary>
    Edited,

    /// <summary>A sequence number is missing: a record was deleted.</summary>
    Missing,

    /// <summary>A record's previous hash is not the hash of the record before it: records were deleted, inserted or reordered.</summary>
    BrokenChain,

    /// <summary>The head says the log is longer than it is: records were removed from its end.</summary>
    Truncated,

    /// <summary>The head table disagrees with the log in another way (missing, behind, or a different hash).</summary>
    HeadMismatch,

    /// <summary>The head exported by an operator does not match the log: it was rewritten or truncated.</summary>
    ExportedHeadMismatch,

    /// <summary>A record cannot be read as a record (bad hash length, unknown action, unreadable time).</summary>
    Malformed,
}
