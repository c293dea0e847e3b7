namespace WebProxy.Policy.Investigations;

/// <summary>The configurable part of the investigation rules (the host maps its configuration section onto this).</summary>
public sealed record InvestigationSettings
{
    /// <summary>The default settings: at most 14 days, a start up to 5 minutes in the past.</summary>
    public static InvestigationSettings Default { get; } = new();

    /// <summary>The longest period an investigation may cover (article 6.2: a fixed, short period; issue 6: 14 days by default).</summary>
    public TimeSpan MaxPeriod { get; init; } = TimeSpan.FromDays(14);

    /// <summary>How far in the past a start may lie when requested; anything older is back-dating and refused.</summary>
    public TimeSpan StartTolerance { get; init; } = TimeSpan.FromMinutes(5);
}
