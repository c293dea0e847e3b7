namespace WebProxy.Policy.Investigations;

/// <summary>Where an <see cref="Investigation"/> is in its life. Stored by name (<see cref="InvestigationNames"/>).</summary>
public enum InvestigationState
{
    /// <summary><c>requested</c>: waiting for the approver; nothing is recorded.</summary>
    Requested,

    /// <summary><c>approved</c>: the subject's requests are recorded from the approval (or the start, when later) until the end.</summary>
    Approved,

    /// <summary><c>refused</c>: the approver refused it, or it named a person protected by article 6.6. Final.</summary>
    Refused,

    /// <summary>
    /// <c>withdrawn</c>: withdrawn before approval, or stopped early after approval (what was recorded until then
    /// stays readable by the named readers until retention deletes it). Final.
    /// </summary>
    Withdrawn,
}
