namespace WebProxy.Host.Configuration;

/// <summary>Investigations of a named person (issue 6; articles 6.2, 6.3 and 7.1 of the regulation).</summary>
public sealed class InvestigationsSection
{
    /// <summary>The longest period one investigation may record, in days (article 6.2: a fixed, short period).</summary>
    public int MaxPeriodDays { get; set; } = 14;

    /// <summary>
    /// How long captured requests are kept after capture, in days: at most 183, six months (article 7.1); an
    /// investigation on legal hold keeps its records until the hold is released.
    /// </summary>
    public int RetentionDays { get; set; } = 183;

    /// <summary>
    /// How long a closed investigation's records stay after its recording ended, in days, so the named readers can
    /// finish their report and the subject can see them (article 8); then they go, legal hold excepted.
    /// </summary>
    public int ClosedGraceDays { get; set; } = 30;
}
