using System.Globalization;

namespace WebProxy.Statistics.Reports;

/// <summary>
/// The period a report covers, resolved in the municipality's time zone: the local days it spans and the UTC
/// instants [<see cref="From"/>, <see cref="To"/>) between the first day's midnight and the midnight after the last.
/// Weeks are ISO 8601 weeks (Monday to Sunday), months calendar months; a day, week or month is named by any date in
/// it. A period that has begun is accepted even when it has not ended (today's counts so far); one that begins after
/// <c>now</c> is refused, since a report of it would only ever be empty.
/// </summary>
/// <remarks>
/// Hourly counts are attributed by the UTC hour they start in. In zones whose offset is a whole number of hours, such
/// as Europe/Amsterdam, every local midnight is a UTC hour boundary and the hours of a period are exactly its own.
/// </remarks>
public sealed class ReportPeriod
{
    /// <summary>The longest <see cref="ReportPeriodKind.Range"/>: a year, leap day included.</summary>
    public const int MaxRangeDays = 366;

    /// <summary>The date format of the API and the page: ISO 8601 calendar dates, <c>2025-03-30</c>.</summary>
    public const string DateFormat = "yyyy-MM-dd";

    // Hours are stored as Unix time, and a floor keeps the arithmetic of instants far from the calendar's edge.
    private static readonly DateOnly Earliest = new(1970, 1, 1);

    private ReportPeriod(ReportPeriodKind kind, DateOnly firstDay, DateOnly lastDay, TimeZoneInfo zone)
    {
        Kind = kind;
        FirstDay = firstDay;
        LastDay = lastDay;
        TimeZone = zone;
        From = LocalDays.Start(firstDay, zone);
        To = LocalDays.Start(lastDay.AddDays(1), zone);
        var days = new DateOnly[lastDay.DayNumber - firstDay.DayNumber + 1];
        for (var i = 0; i < days.Length; i++)
        {
            days[i] = firstDay.AddDays(i);
        }

        Days = days;
    }

    public ReportPeriodKind Kind { get; }

    /// <summary>The first local day (a Monday for a week, the 1st for a month).</summary>
    public DateOnly FirstDay { get; }

    /// <summary>The last local day, included.</summary>
    public DateOnly LastDay { get; }

    /// <summary>Every local day of the period, in order: the days whose visitor sketches the report reads.</summary>
    public IReadOnlyList<DateOnly> Days { get; }

    /// <summary>The zone the days are local to.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>The instant the first day begins (UTC).</summary>
    public DateTimeOffset From { get; }

    /// <summary>The instant after the last day ends (UTC), excluded.</summary>
    public DateTimeOffset To { get; }

    /// <summary>The period of <paramref name="kind"/> that contains <paramref name="date"/>.</summary>
    /// <exception cref="ReportRequestException">It begins after <paramref name="now"/> (field <c>date</c>).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is <see cref="ReportPeriodKind.Range"/>
    /// (use <see cref="ForRange"/>) or not a kind.</exception>
    public static ReportPeriod Containing(ReportPeriodKind kind, DateOnly date, TimeZoneInfo zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var (first, last) = kind switch
        {
            ReportPeriodKind.Day => (date, date),
            ReportPeriodKind.Week => IsoWeek(date),
            ReportPeriodKind.Month => (new DateOnly(date.Year, date.Month, 1), new DateOnly(date.Year, date.Month, DateTime.DaysInMonth(date.Year, date.Month))),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "A day, week or month; a range has its own constructor."),
        };
        return Checked(kind, first, last, zone, now);
    }

    /// <summary>The whole local days from <paramref name="firstDay"/> to <paramref name="lastDay"/>, both included.</summary>
    /// <exception cref="ReportRequestException">The range is reversed or longer than <see cref="MaxRangeDays"/>
    /// (field <c>to</c>), or begins after <paramref name="now"/> (field <c>date</c>).</exception>
    public static ReportPeriod ForRange(DateOnly firstDay, DateOnly lastDay, TimeZoneInfo zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (lastDay < firstDay)
        {
            throw new ReportRequestException("to", $"the range ends ({Format(lastDay)}) before it begins ({Format(firstDay)})");
        }

        if (lastDay.DayNumber - firstDay.DayNumber + 1 > MaxRangeDays)
        {
            throw new ReportRequestException("to", $"a range covers at most {MaxRangeDays} days");
        }

        return Checked(ReportPeriodKind.Range, firstDay, lastDay, zone, now);
    }

    /// <summary>
    /// Reads the admin API's query: <paramref name="period"/> (<c>day</c>, <c>week</c>, <c>month</c> or <c>range</c>;
    /// <c>day</c> when empty), <paramref name="date"/> (a date in the period, or a range's first day; today when
    /// empty) and, for a range only, <paramref name="to"/> (its last day).
    /// </summary>
    /// <exception cref="ReportRequestException">Names the parameter that is unknown, malformed, in the future or
    /// reversed.</exception>
    public static ReportPeriod Parse(string? period, string? date, string? to, TimeZoneInfo zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var kind = ReportPeriodKind.Day;
        if (!string.IsNullOrEmpty(period) && !ReportPeriodKinds.TryParse(period, out kind))
        {
            throw new ReportRequestException("period", $"'{period}' is not a period: use day, week, month or range");
        }

        var day = string.IsNullOrEmpty(date) ? LocalDays.DateOf(now, zone) : ParseDate("date", date);
        if (kind != ReportPeriodKind.Range)
        {
            return string.IsNullOrEmpty(to)
                ? Containing(kind, day, zone, now)
                : throw new ReportRequestException("to", "only a range has an end date; a day, week or month is named by one date in it");
        }

        if (string.IsNullOrEmpty(to))
        {
            throw new ReportRequestException("to", "a range needs its last day, as YYYY-MM-DD");
        }

        return ForRange(day, ParseDate("to", to), zone, now);
    }

    /// <summary>A short description for people: <c>2025-03-30</c>, <c>week 2025-W13 (...)</c>, <c>March 2025</c>.</summary>
    public string Describe() => Kind switch
    {
        ReportPeriodKind.Day => Format(FirstDay),
        ReportPeriodKind.Week => string.Create(CultureInfo.InvariantCulture,
            $"week {ISOWeek.GetYear(FirstDay.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(FirstDay.ToDateTime(TimeOnly.MinValue)):00} ({Format(FirstDay)} to {Format(LastDay)})"),
        ReportPeriodKind.Month => FirstDay.ToString("MMMM yyyy", CultureInfo.InvariantCulture),
        _ => $"{Format(FirstDay)} to {Format(LastDay)}",
    };

    public static string Format(DateOnly day) => day.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static DateOnly ParseDate(string field, string text) =>
        DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new ReportRequestException(field, $"'{text}' is not a date: use YYYY-MM-DD, e.g. 2025-03-30");

    private static (DateOnly First, DateOnly Last) IsoWeek(DateOnly date)
    {
        // DayOfWeek counts from Sunday = 0; ISO 8601 weeks begin on Monday.
        var monday = date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
        return (monday, monday.AddDays(6));
    }

    // Decided on dates, before any instant is computed: a day after today's local date begins after now, and today
    // has begun. So a date near the end of the calendar is refused rather than overflowing.
    private static ReportPeriod Checked(ReportPeriodKind kind, DateOnly first, DateOnly last, TimeZoneInfo zone, DateTimeOffset now)
    {
        if (first > LocalDays.DateOf(now, zone))
        {
            throw new ReportRequestException("date", $"the period begins {Format(first)}, in the future: there is nothing to report yet");
        }

        if (first < Earliest)
        {
            throw new ReportRequestException("date", $"the period begins {Format(first)}, before {Format(Earliest)}: there is nothing to report");
        }

        return new ReportPeriod(kind, first, last, zone);
    }
}
