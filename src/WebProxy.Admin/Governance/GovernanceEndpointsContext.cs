using WebProxy.Governance;

namespace WebProxy.Admin.Governance;

/// <summary>What the governance endpoints and the manager pages work with; the host builds it once.</summary>
/// <param name="TimeZone">The zone the manager pages show and read times in (the municipality's, not the server's).</param>
public sealed record GovernanceEndpointsContext(
    GovernanceState State,
    ExemptionService Exemptions,
    DirectoryService Directory,
    SignInService SignIn,
    GovernanceLogService Log,
    TimeProvider TimeProvider,
    TimeZoneInfo TimeZone);
