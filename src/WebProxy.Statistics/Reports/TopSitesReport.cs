using WebProxy.Statistics.Counting;

namespace WebProxy.Statistics.Reports;

/// <summary>
/// The most visited sites of a period, overall or under one rule: the top ten the explanatory notes to article 6.1a
/// mention, built from identity-free counts only (requests, bytes, blocks per site and hour, and per site and day a
/// sketch of keyed client hashes). Article 6.2 asks that control work on totals that cannot be traced to persons; a
/// site visited by one or two people would point at them, so a site whose distinct-visitor figure is below
/// <see cref="K"/> is never named: it is folded into <see cref="OtherSites"/>, whatever its rank.
/// </summary>
/// <remarks>
/// <para><b>Ranking.</b> By requests, then by bytes (to the client plus to the origin), then by site name (ordinal),
/// so equal reports rank equally. The top <see cref="Count"/> sites that pass the k test are shown; every other site
/// (folded below k, or ranked after the top N) is summed into <see cref="OtherSites"/>. The shown rows and the other
/// sites row together add up to <see cref="Total"/>.</para>
/// <para><b>Visitors.</b> <see cref="TopSiteRow.VisitorsOnBusiestDay"/> is the largest daily estimate in the period,
/// a lower bound of distinct visitors; see <see cref="BusiestDayVisitors"/> for why the days cannot be combined.
/// A site without a sketch counts as seen by nobody and is folded.</para>
/// <para><b>Categories.</b> With a <see cref="Category"/> the traffic figures are those under that rule only, but the
/// visitor figure is the site's over all its traffic: sketches are kept per site and day, not per rule. The k test
/// protects the people behind a site; how many of them met the rule is not told.</para>
/// </remarks>
public sealed record TopSitesReport(
    ReportPeriod Period,
    string? Category,
    int Count,
    int K,
    IReadOnlyList<TopSiteRow> Sites,
    OtherSitesRow OtherSites,
    ReportTotals Total,
    IReadOnlyList<RuleDecisionTotals> Decisions)
{
    /// <summary>The toelichting's top ten.</summary>
    public const int DefaultCount = 10;

    /// <summary>The most sites a report names.</summary>
    public const int MaxCount = 100;

    /// <summary>The default k of issue 5: a site is named only when at least five distinct clients saw it.</summary>
    public const int DefaultK = 5;

    /// <summary>Builds the report from what storage summed for <paramref name="period"/>.</summary>
    /// <param name="sites">Per site, the traffic in the period (under <paramref name="category"/> when given).</param>
    /// <param name="sketches">The per-site sketches of the period's days; sketches of other days are ignored.</param>
    /// <param name="decisions">Requests per rule and decision in the period; only <paramref name="category"/>'s are
    /// kept when given.</param>
    /// <param name="category">A rule name, or null for all traffic.</param>
    /// <param name="count">How many sites to name, 1 to <see cref="MaxCount"/>.</param>
    /// <param name="k">The smallest visitor figure a named site must have, at least 1.</param>
    /// <exception cref="InvalidDataException">A sketch's bytes are damaged.</exception>
    public static TopSitesReport Build(
        ReportPeriod period,
        IEnumerable<SiteTotals> sites,
        IEnumerable<SiteDaySketch> sketches,
        IEnumerable<RuleDecisionTotals> decisions,
        string? category = null,
        int count = DefaultCount,
        int k = DefaultK)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentNullException.ThrowIfNull(sketches);
        ArgumentNullException.ThrowIfNull(decisions);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        category = string.IsNullOrEmpty(category) ? null : category;

        var visitors = BusiestDayVisitors.Of(sketches, period);
        var ranked = sites
            .OrderByDescending(site => site.Requests)
            .ThenByDescending(site => site.BytesToClient + site.BytesToOrigin)
            .ThenBy(site => site.Site, StringComparer.Ordinal)
            .ToList();

        var shown = new List<TopSiteRow>(Math.Min(count, ranked.Count));
        var other = new OtherSitesRow(0, 0, 0, 0, 0, 0);
        foreach (var site in ranked)
        {
            var seenBy = visitors.GetValueOrDefault(site.Site);
            if (seenBy >= k && shown.Count < count)
            {
                shown.Add(new TopSiteRow(shown.Count + 1, site.Site, site.Requests, site.BytesToClient, site.BytesToOrigin, site.Blocked, seenBy));
                continue;
            }

            other = new OtherSitesRow(
                other.Sites + 1,
                other.BelowK + (seenBy < k ? 1 : 0),
                other.Requests + site.Requests,
                other.BytesToClient + site.BytesToClient,
                other.BytesToOrigin + site.BytesToOrigin,
                other.Blocked + site.Blocked);
        }

        var total = new ReportTotals(
            ranked.Count,
            ranked.Sum(site => site.Requests),
            ranked.Sum(site => site.BytesToClient),
            ranked.Sum(site => site.BytesToOrigin),
            ranked.Sum(site => site.Blocked));
        var kept = decisions
            .Where(decision => category is null || decision.Rule == category)
            .OrderBy(decision => decision.Rule, StringComparer.Ordinal)
            .ThenBy(decision => decision.Decision, StringComparer.Ordinal)
            .ToList();
        return new TopSitesReport(period, category, count, k, shown, other, total, kept);
    }
}
