namespace WebProxy.Policy.Exemptions;

/// <summary>The configurable part of the exemption rules (the host maps its configuration section onto this).</summary>
public sealed record ExemptionSettings
{
    /// <summary>The default settings: at most 90 days, a start up to 5 minutes in the past.</summary>
    public static ExemptionSettings Default { get; } = new();

    /// <summary>The longest period an exemption may cover (issue 4: configurable, 90 days by default).</summary>
    public TimeSpan MaxPeriod { get; init; } = TimeSpan.FromDays(90);

    /// <summary>
    /// How far in the past a start may lie: a form filled in "from now" reaches the server a little later. Anything
    /// older is refused, so nobody back-dates an exemption.
    /// </summary>
    public TimeSpan StartTolerance { get; init; } = TimeSpan.FromMinutes(5);
}
