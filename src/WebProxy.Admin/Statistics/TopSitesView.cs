using System.ComponentModel;
using WebProxy.Statistics.Reports;

namespace WebProxy.Admin.Statistics;

/// <summary>
/// The top-sites report as the admin API returns it (JSON, camelCase): the report's own rows, and the period in a form
/// that serialises (local days, UTC instants, the zone's id).
/// </summary>
[Description("The most requested sites of a period (toelichting on article 6.1a), from identity-free counts (articles 6.1a, 6.2). Sites seen by fewer than k distinct clients on their busiest day are not named but counted in otherSites.")]
public sealed record TopSitesView(
    PeriodView Period,
    [property: Description("The rule the traffic figures are limited to (adult, hate, gambling, chat, warez, download-size, upload-size), or null for all traffic.")]
    string? Category,
    [property: Description("How many sites were asked for.")]
    int N,
    [property: Description("The k of k-anonymity: a site is named only when at least k distinct clients saw it on one day.")]
    int K,
    IReadOnlyList<TopSiteRow> Sites,
    OtherSitesRow OtherSites,
    ReportTotals Total,
    IReadOnlyList<RuleDecisionTotals> Decisions)
{
    public static TopSitesView Of(TopSitesReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var period = report.Period;
        return new TopSitesView(
            new PeriodView(ReportPeriodKinds.Name(period.Kind), period.FirstDay, period.LastDay, period.From, period.To, period.TimeZone.Id, period.Describe()),
            report.Category,
            report.Count,
            report.K,
            report.Sites,
            report.OtherSites,
            report.Total,
            report.Decisions);
    }
}

/// <summary>The period of a report: local days and the UTC instants they span.</summary>
public sealed record PeriodView(
    [property: Description("day, week, month or range.")]
    string Kind,
    [property: Description("The first local day.")]
    DateOnly FirstDay,
    [property: Description("The last local day, included.")]
    DateOnly LastDay,
    [property: Description("When the first day began (UTC).")]
    DateTimeOffset From,
    [property: Description("When the last day ended (UTC), excluded.")]
    DateTimeOffset To,
    [property: Description("The zone of the local days (IANA id).")]
    string TimeZone,
    [property: Description("The period in words, e.g. week 2025-W13 (2025-03-24 to 2025-03-30).")]
    string Description);
