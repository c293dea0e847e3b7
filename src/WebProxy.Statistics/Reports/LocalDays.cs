namespace WebProxy.Statistics.Reports;

/// <summary>
/// Where a local day begins as an instant. Reports count in the municipality's days, not in UTC days: the hourly
/// counts are stored by their UTC hour, and a report period is the UTC instants from the first day's midnight to the
/// midnight after its last day, daylight saving included (a day in spring has 23 hours, one in autumn 25).
/// </summary>
public static class LocalDays
{
    /// <summary>
    /// The instant <paramref name="day"/> begins in <paramref name="zone"/>. Where midnight does not exist (a zone
    /// that moves its clocks at midnight) the day begins when the clocks resume; where it occurs twice, at the first.
    /// </summary>
    public static DateTimeOffset Start(DateOnly day, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>The local date of <paramref name="instant"/> in <paramref name="zone"/>.</summary>
    public static DateOnly DateOf(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
    }
}
