using WebProxy.Statistics.Counting;
using WebProxy.Statistics.Reports;
using static WebProxy.Statistics.Tests.Reports.ReportData;

namespace WebProxy.Statistics.Tests.Reports;

/// <summary>
/// The top-ten report (toelichting on article 6.1a) names only sites at least k distinct clients saw on one day
/// (article 6.2), ranks them by requests, then bytes, then name, and sums everything else into "other sites", so
/// the rows always add up to the total.
/// </summary>
public sealed class TopSitesReportTests
{
    [Fact]
    public void A_site_seen_by_four_is_folded_and_one_seen_by_five_is_shown_with_k_5()
    {
        var report = TopSitesReport.Build(
            Week,
            [Site("four.nl", 1_000, 10), Site("five.nl", 10, 5)],
            [Seen("four.nl", 4), Seen("five.nl", 5)],
            []);

        var shown = Assert.Single(report.Sites);
        Assert.Equal(new TopSiteRow(1, "five.nl", 10, 5, 0, 0, 5), shown);
        Assert.Equal(new OtherSitesRow(Sites: 1, BelowK: 1, Requests: 1_000, BytesToClient: 10, BytesToOrigin: 0, Blocked: 0), report.OtherSites);
        Assert.Equal(5, report.K);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(4, 2)]
    [InlineData(5, 1)]
    [InlineData(6, 0)]
    public void The_k_threshold_is_a_minimum_visitor_figure(int k, int shown)
    {
        var report = TopSitesReport.Build(Week, [Site("a.nl", 2), Site("b.nl", 1)], [Seen("a.nl", 5), Seen("b.nl", 4)], [], k: k);

        Assert.Equal(shown, report.Sites.Count);
        Assert.Equal(2 - shown, report.OtherSites.BelowK);
    }

    [Fact]
    public void Visitors_are_the_busiest_days_figure_not_the_sum_of_the_days()
    {
        // Three different clients on each of five days: fifteen client-days, but nobody can tell whether those were
        // three people or fifteen, so the site counts as seen by three and stays hidden.
        var days = Week.Days.Take(5).ToArray();
        var report = TopSitesReport.Build(
            Week,
            [Site("daily.nl", 50), Site("once.nl", 5)],
            [.. days.Select(day => Seen("daily.nl", 3, day)), Seen("once.nl", 2, days[0]), Seen("once.nl", 6, days[3])],
            []);

        Assert.Equal("once.nl", Assert.Single(report.Sites).Site);
        Assert.Equal(6, report.Sites[0].VisitorsOnBusiestDay);
        Assert.Equal(1, report.OtherSites.BelowK);
    }

    [Fact]
    public void Sketches_of_days_outside_the_period_and_sites_without_a_sketch_do_not_count()
    {
        var report = TopSitesReport.Build(
            Week,
            [Site("before.nl", 3), Site("nosketch.nl", 2), Site("inside.nl", 1)],
            [Seen("before.nl", 50, Week.FirstDay.AddDays(-1)), Seen("inside.nl", 5, Week.LastDay), Seen("after.nl", 50, Week.LastDay.AddDays(1))],
            []);

        Assert.Equal(["inside.nl"], report.Sites.Select(s => s.Site));
        Assert.Equal(2, report.OtherSites.BelowK);
    }

    [Fact]
    public void The_top_N_are_shown_and_the_rest_go_to_other_sites()
    {
        var sites = Enumerable.Range(1, 12).Select(i => Site($"site{i:00}.nl", 100 - i, bytesToClient: i)).ToArray();
        var sketches = sites.Select(s => Seen(s.Site, 5)).ToArray();

        var top = TopSitesReport.Build(Week, sites, sketches, []);
        var three = TopSitesReport.Build(Week, sites, sketches, [], count: 3);

        Assert.Equal(10, top.Count);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"site{i:00}.nl"), top.Sites.Select(s => s.Site));
        Assert.Equal(Enumerable.Range(1, 10), top.Sites.Select(s => s.Rank));
        Assert.Equal(new OtherSitesRow(2, 0, 88 + 89, 11 + 12, 0, 0), top.OtherSites);
        Assert.Equal(["site01.nl", "site02.nl", "site03.nl"], three.Sites.Select(s => s.Site));
        Assert.Equal(9, three.OtherSites.Sites);
    }

    [Fact]
    public void Folded_sites_do_not_take_a_place_in_the_top_N()
    {
        var report = TopSitesReport.Build(
            Week,
            [Site("secret.nl", 1_000), Site("a.nl", 30), Site("b.nl", 20), Site("c.nl", 10)],
            [Seen("secret.nl", 2), Seen("a.nl", 9), Seen("b.nl", 8), Seen("c.nl", 7)],
            [],
            count: 2);

        Assert.Equal(["a.nl", "b.nl"], report.Sites.Select(s => s.Site));
        Assert.Equal(new OtherSitesRow(Sites: 2, BelowK: 1, Requests: 1_010, 0, 0, 0), report.OtherSites);
    }

    [Fact]
    public void Equal_requests_rank_by_bytes_then_by_name()
    {
        var report = TopSitesReport.Build(
            Week,
            [Site("b.nl", 10, 100, 0), Site("a.nl", 10, 100, 0), Site("heavy.nl", 10, 50, 51), Site("light.nl", 10, 1, 0), Site("most.nl", 11)],
            [Seen("a.nl", 5), Seen("b.nl", 5), Seen("heavy.nl", 5), Seen("light.nl", 5), Seen("most.nl", 5)],
            []);

        Assert.Equal(["most.nl", "heavy.nl", "a.nl", "b.nl", "light.nl"], report.Sites.Select(s => s.Site));
    }

    [Fact]
    public void The_rows_add_up_to_the_total()
    {
        var sites = Enumerable.Range(1, 30).Select(i => Site($"s{i}.nl", i * 7, i * 1_000, i * 10, i % 3)).ToArray();
        var sketches = sites.Select((s, i) => Seen(s.Site, i % 9)).ToArray();

        var report = TopSitesReport.Build(Week, sites, sketches, []);

        Assert.Equal(new ReportTotals(30, sites.Sum(s => s.Requests), sites.Sum(s => s.BytesToClient), sites.Sum(s => s.BytesToOrigin), sites.Sum(s => s.Blocked)), report.Total);
        Assert.Equal(report.Total.Requests, report.Sites.Sum(s => s.Requests) + report.OtherSites.Requests);
        Assert.Equal(report.Total.BytesToClient, report.Sites.Sum(s => s.BytesToClient) + report.OtherSites.BytesToClient);
        Assert.Equal(report.Total.BytesToOrigin, report.Sites.Sum(s => s.BytesToOrigin) + report.OtherSites.BytesToOrigin);
        Assert.Equal(report.Total.Blocked, report.Sites.Sum(s => s.Blocked) + report.OtherSites.Blocked);
        Assert.Equal(report.Total.Sites, report.Sites.Count + report.OtherSites.Sites);
        Assert.All(report.Sites, row => Assert.True(row.VisitorsOnBusiestDay >= 5));
    }

    [Fact]
    public void A_category_report_keeps_only_that_rules_decisions()
    {
        RuleDecisionTotals[] decisions =
            [new("", "allowed", 900), new("gambling", "exempted", 4), new("gambling", "blocked", 40), new("chat", "blocked", 7)];

        var gambling = TopSitesReport.Build(Week, [Site("casino.com", 44, blocked: 40)], [Seen("casino.com", 12)], decisions, category: "gambling");
        var overall = TopSitesReport.Build(Week, [], [], decisions, category: "");

        Assert.Equal("gambling", gambling.Category);
        Assert.Equal([new RuleDecisionTotals("gambling", "blocked", 40), new RuleDecisionTotals("gambling", "exempted", 4)], gambling.Decisions);
        Assert.Equal(new TopSiteRow(1, "casino.com", 44, 0, 0, 40, 12), Assert.Single(gambling.Sites));
        Assert.Null(overall.Category);
        Assert.Equal(["", "chat", "gambling", "gambling"], overall.Decisions.Select(d => d.Rule));
    }

    [Fact]
    public void An_empty_period_is_an_empty_report()
    {
        var report = TopSitesReport.Build(Week, [], [], []);

        Assert.Empty(report.Sites);
        Assert.Equal(new OtherSitesRow(0, 0, 0, 0, 0, 0), report.OtherSites);
        Assert.Equal(new ReportTotals(0, 0, 0, 0, 0), report.Total);
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(101, 5)]
    [InlineData(10, 0)]
    public void Count_and_k_out_of_range_are_refused(int count, int k)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TopSitesReport.Build(Week, [], [], [], count: count, k: k));
    }

    [Fact]
    public void A_damaged_sketch_is_an_error_not_a_zero()
    {
        Assert.Throws<InvalidDataException>(() =>
            TopSitesReport.Build(Week, [Site("a.nl", 1)], [new SiteDaySketch(Week.FirstDay, "a.nl", [9, 9, 9])], []));
    }
}
