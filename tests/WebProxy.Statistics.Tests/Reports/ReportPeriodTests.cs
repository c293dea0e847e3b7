using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using WebProxy.Statistics.Reports;

namespace WebProxy.Statistics.Tests.Reports;

/// <summary>
/// Report periods are the municipality's local days, weeks and months: the UTC instants they span move with daylight
/// saving, weeks begin on Monday (ISO 8601), and a period is refused, naming the field, when it has not begun, is
/// reversed, or is not a period at all.
/// </summary>
public sealed class ReportPeriodTests
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
    private static readonly DateTimeOffset Later = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_day_in_winter_runs_from_local_midnight_to_local_midnight()
    {
        var period = ReportPeriod.Containing(ReportPeriodKind.Day, new DateOnly(2025, 1, 15), Amsterdam, Later);

        Assert.Equal(new DateTimeOffset(2025, 1, 14, 23, 0, 0, TimeSpan.Zero), period.From);
        Assert.Equal(new DateTimeOffset(2025, 1, 15, 23, 0, 0, TimeSpan.Zero), period.To);
        Assert.Equal([new DateOnly(2025, 1, 15)], period.Days);
        Assert.Equal(TimeSpan.Zero, period.From.Offset);
    }

    [Theory]
    [InlineData("2025-03-30", "2025-03-29T23:00:00Z", "2025-03-30T22:00:00Z", 23)]
    [InlineData("2025-10-26", "2025-10-25T22:00:00Z", "2025-10-26T23:00:00Z", 25)]
    [InlineData("2025-07-01", "2025-06-30T22:00:00Z", "2025-07-01T22:00:00Z", 24)]
    public void Days_at_the_daylight_saving_changes_have_23_and_25_hours(string day, string from, string to, int hours)
    {
        var period = ReportPeriod.Containing(ReportPeriodKind.Day, DateOnly.Parse(day, CultureInfo.InvariantCulture), Amsterdam, Later);

        Assert.Equal(DateTimeOffset.Parse(from, CultureInfo.InvariantCulture), period.From);
        Assert.Equal(DateTimeOffset.Parse(to, CultureInfo.InvariantCulture), period.To);
        Assert.Equal(hours, (period.To - period.From).TotalHours);
    }

    [Theory]
    [InlineData("2025-03-24", "2025-03-24")]
    [InlineData("2025-03-27", "2025-03-24")]
    [InlineData("2025-03-30", "2025-03-24")]
    [InlineData("2025-03-31", "2025-03-31")]
    [InlineData("2025-01-01", "2024-12-30")]
    [InlineData("2021-01-03", "2020-12-28")]
    public void A_week_is_the_ISO_week_from_Monday_to_Sunday_that_holds_the_date(string date, string monday)
    {
        var period = ReportPeriod.Containing(ReportPeriodKind.Week, Date(date), Amsterdam, Later);

        Assert.Equal(Date(monday), period.FirstDay);
        Assert.Equal(DayOfWeek.Monday, period.FirstDay.DayOfWeek);
        Assert.Equal(Date(monday).AddDays(6), period.LastDay);
        Assert.Equal(7, period.Days.Count);
    }

    [Fact]
    public void The_week_of_the_spring_change_has_167_hours_and_its_name_is_the_ISO_week()
    {
        var period = ReportPeriod.Containing(ReportPeriodKind.Week, new DateOnly(2025, 3, 26), Amsterdam, Later);

        Assert.Equal(167, (period.To - period.From).TotalHours);
        Assert.Equal("week 2025-W13 (2025-03-24 to 2025-03-30)", period.Describe());
        Assert.Equal("week 2025-W01 (2024-12-30 to 2025-01-05)", ReportPeriod.Containing(ReportPeriodKind.Week, new DateOnly(2025, 1, 1), Amsterdam, Later).Describe());
    }

    [Theory]
    [InlineData("2025-03-15", "2025-03-01", 31, "2025-02-28T23:00:00Z", "2025-03-31T22:00:00Z")]
    [InlineData("2024-02-29", "2024-02-01", 29, "2024-01-31T23:00:00Z", "2024-02-29T23:00:00Z")]
    [InlineData("2025-12-31", "2025-12-01", 31, "2025-11-30T23:00:00Z", "2025-12-31T23:00:00Z")]
    public void A_month_is_the_calendar_month_in_local_time(string date, string first, int days, string from, string to)
    {
        var period = ReportPeriod.Containing(ReportPeriodKind.Month, Date(date), Amsterdam, Later);

        Assert.Equal(Date(first), period.FirstDay);
        Assert.Equal(days, period.Days.Count);
        Assert.Equal(Instant(from), period.From);
        Assert.Equal(Instant(to), period.To);
    }

    [Fact]
    public void The_hour_that_begins_at_local_midnight_belongs_to_the_new_day_and_the_new_month()
    {
        var march = ReportPeriod.Containing(ReportPeriodKind.Month, new DateOnly(2025, 3, 1), Amsterdam, Later);
        var april = ReportPeriod.Containing(ReportPeriodKind.Month, new DateOnly(2025, 4, 1), Amsterdam, Later);
        var lastHourOfMarch = Instant("2025-03-31T21:00:00Z");
        var firstHourOfApril = Instant("2025-03-31T22:00:00Z");

        Assert.True(Contains(march, lastHourOfMarch));
        Assert.False(Contains(march, firstHourOfApril));
        Assert.True(Contains(april, firstHourOfApril));
        Assert.Equal(march.To, april.From);
        Assert.Equal("March 2025", march.Describe());
    }

    [Fact]
    public void Today_can_be_reported_while_it_runs_and_tomorrow_only_once_it_has_begun()
    {
        // 22:59:59 UTC on 30 March is 23:59:59 in Amsterdam (summer time): the last second of the local day.
        var clock = new FakeTimeProvider(Instant("2025-03-30T21:59:59Z"));
        var today = ReportPeriod.Parse("day", "2025-03-30", null, Amsterdam, clock.GetUtcNow());
        Assert.True(today.To > clock.GetUtcNow());

        var tomorrow = Assert.Throws<ReportRequestException>(() => ReportPeriod.Parse("day", "2025-03-31", null, Amsterdam, clock.GetUtcNow()));
        Assert.Equal("date", tomorrow.Field);
        Assert.Contains("future", tomorrow.Message, StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(new DateOnly(2025, 3, 31), ReportPeriod.Parse("day", "2025-03-31", null, Amsterdam, clock.GetUtcNow()).FirstDay);
    }

    [Fact]
    public void A_week_or_month_that_begins_after_now_is_refused_and_the_current_one_is_not()
    {
        var clock = new FakeTimeProvider(Instant("2025-03-31T21:59:00Z"));

        Assert.Equal("date", Assert.Throws<ReportRequestException>(() => ReportPeriod.Parse("month", "2025-04-01", null, Amsterdam, clock.GetUtcNow())).Field);
        Assert.Equal(new DateOnly(2025, 3, 31), ReportPeriod.Parse("week", "2025-04-06", null, Amsterdam, clock.GetUtcNow()).FirstDay);
        Assert.Equal("date", Assert.Throws<ReportRequestException>(() => ReportPeriod.Parse("week", "2025-04-07", null, Amsterdam, clock.GetUtcNow())).Field);

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(new DateOnly(2025, 4, 1), ReportPeriod.Parse("month", "2025-04-30", null, Amsterdam, clock.GetUtcNow()).FirstDay);
    }

    [Fact]
    public void Without_a_period_or_date_it_is_today_in_local_time()
    {
        // 23:30 UTC on 29 March is already 30 March in Amsterdam.
        var now = Instant("2025-03-29T23:30:00Z");

        var period = ReportPeriod.Parse(null, "", null, Amsterdam, now);

        Assert.Equal(ReportPeriodKind.Day, period.Kind);
        Assert.Equal(new DateOnly(2025, 3, 30), period.FirstDay);
        Assert.Equal("2025-03-30", period.Describe());
    }

    [Fact]
    public void A_range_covers_whole_local_days_both_ends_included()
    {
        var period = ReportPeriod.Parse("range", "2025-03-29", "2025-03-31", Amsterdam, Later);

        Assert.Equal(ReportPeriodKind.Range, period.Kind);
        Assert.Equal([new DateOnly(2025, 3, 29), new DateOnly(2025, 3, 30), new DateOnly(2025, 3, 31)], period.Days);
        Assert.Equal(Instant("2025-03-28T23:00:00Z"), period.From);
        Assert.Equal(Instant("2025-03-31T22:00:00Z"), period.To);
        Assert.Equal("2025-03-29 to 2025-03-31", period.Describe());
    }

    [Theory]
    [InlineData("year", "2025-03-01", null, "period", "'year' is not a period")]
    [InlineData("Day", "2025-03-01", null, "period", "use day, week, month or range")]
    [InlineData("day", "2025-02-30", null, "date", "'2025-02-30' is not a date")]
    [InlineData("day", "30-03-2025", null, "date", "use YYYY-MM-DD")]
    [InlineData("week", "yesterday", null, "date", "is not a date")]
    [InlineData("day", "1969-12-31", null, "date", "before 1970-01-01")]
    [InlineData("day", "9999-12-31", null, "date", "in the future")]
    [InlineData("month", "2025-03-01", "2025-03-31", "to", "only a range has an end date")]
    [InlineData("range", "2025-03-10", null, "to", "a range needs its last day")]
    [InlineData("range", "2025-03-10", "2025-03-09", "to", "the range ends (2025-03-09) before it begins (2025-03-10)")]
    [InlineData("range", "2024-01-01", "2025-01-01", "to", "at most 366 days")]
    [InlineData("range", "2025-03-10", "2025-3-11", "to", "is not a date")]
    [InlineData("range", "2031-01-01", "2031-01-02", "date", "in the future")]
    public void A_request_that_cannot_be_answered_names_its_field(string? period, string? date, string? to, string field, string message)
    {
        var refused = Assert.Throws<ReportRequestException>(() => ReportPeriod.Parse(period, date, to, Amsterdam, Later));

        Assert.Equal(field, refused.Field);
        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_range_of_a_full_leap_year_is_accepted()
    {
        var period = ReportPeriod.ForRange(new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), Amsterdam, Later);

        Assert.Equal(366, period.Days.Count);
    }

    [Fact]
    public void Where_midnight_is_skipped_the_day_begins_when_the_clocks_resume_and_where_it_repeats_at_the_first()
    {
        // Chile moves its clocks from 00:00 to 01:00; Cuba from 01:00 back to 00:00.
        var santiago = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");
        var havana = TimeZoneInfo.FindSystemTimeZoneById("America/Havana");

        Assert.Equal(Instant("2024-09-08T04:00:00Z"), LocalDays.Start(new DateOnly(2024, 9, 8), santiago));
        Assert.Equal(Instant("2024-11-03T04:00:00Z"), LocalDays.Start(new DateOnly(2024, 11, 3), havana));
    }

    private static bool Contains(ReportPeriod period, DateTimeOffset hour) => period.From <= hour && hour < period.To;

    private static DateOnly Date(string text) => DateOnly.Parse(text, CultureInfo.InvariantCulture);

    private static DateTimeOffset Instant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
