using WebProxy.Policy.Rules;

namespace WebProxy.Policy.Exemptions;

/// <summary>
/// Permission to visit sites of otherwise blocked regulation categories, for staff whose job includes investigation
/// or control (article 5.4). Granted only by the subject's direct manager.
/// </summary>
public sealed record ResearchExemption : Exemption
{
    /// <summary>The categories the subject may visit; at least one.</summary>
    public required IReadOnlySet<RegulationCategory> Categories { get; init; }
}
