using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using WebProxy.Testing;

namespace WebProxy.Admin.Tests.Statistics;

/// <summary>
/// The page <c>GET /statistics</c> as HTML: an inline SVG bar chart with one bar per named site and a title and
/// description, the same figures in a table, the folded sites only as a count, no script anywhere and a
/// Content-Security-Policy that would not run one.
/// </summary>
public sealed partial class StatisticsPageTests : IAsyncLifetime
{
    private StatisticsServer _server = null!;

    public async Task InitializeAsync() => _server = await StatisticsServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_chart_has_one_bar_per_named_site_in_rank_order()
    {
        var html = await PageAsync(StatisticsWeek.Query);

        var svg = Svg().Match(html);
        Assert.True(svg.Success, "The page has no inline <svg>.");
        Assert.Equal(10, Bar().Matches(svg.Value).Count);
        Assert.Equal(StatisticsWeek.TopTen, SiteGroup().Matches(svg.Value).Select(m => m.Groups[1].Value));
        Assert.Contains("role=\"img\"", svg.Value, StringComparison.Ordinal);
        Assert.Matches("<title id=\"chart-title\">Top 10 sites, week 2025-W13 \\(2025-03-24 to 2025-03-30\\), all traffic</title>", svg.Value);
        Assert.Contains("<desc id=\"chart-desc\">", svg.Value, StringComparison.Ordinal);

        // The longest bar is the first site's, and every bar is shorter than the one before or equal.
        var widths = BarWidth().Matches(svg.Value).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(widths.OrderDescending(), widths);
    }

    [Fact]
    public async Task The_table_repeats_the_figures_with_other_sites_and_total()
    {
        var html = await PageAsync(StatisticsWeek.Query);

        Assert.Equal(StatisticsWeek.TopTen, TableSite().Matches(html).Select(m => m.Groups[1].Value));
        var text = Cells(html);
        Assert.Contains("<tr data-site=\"gemeente-almere.nl\"><td>1</td><td>gemeente-almere.nl</td><td>1,850</td><td>95 MB</td><td>2.0 MB</td><td>0</td><td>41</td></tr>", text, StringComparison.Ordinal);
        Assert.Contains("Other sites: 5, of which 2 seen by fewer than 5 clients</td><td>2,935</td>", text, StringComparison.Ordinal);
        Assert.Contains("Total: 15 sites</th><td>10,605</td>", text, StringComparison.Ordinal);
        Assert.Contains("10,605 requests to 15 sites, from 2025-03-24 00:00 to 2025-03-31 00:00 (Europe/Amsterdam)", html, StringComparison.Ordinal);
        Assert.Contains("Visitors on busiest day", html, StringComparison.Ordinal);
        Assert.Contains("lower bound", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/statistics/top.csv?period=week&amp;date=2025-03-26\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sites_below_k_are_nowhere_on_the_page()
    {
        var html = await PageAsync(StatisticsWeek.Query);

        Assert.DoesNotContain(StatisticsWeek.Secret, html, StringComparison.Ordinal);
        Assert.DoesNotContain(StatisticsWeek.Tiny, html, StringComparison.Ordinal);
        Assert.DoesNotContain("outside.nl", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_runs_no_script_and_says_so_in_its_policy()
    {
        using var response = await _server.GetAsync(TestOrganisation.SecurityOfficer, $"/statistics?{StatisticsWeek.Query}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.False(OnAttribute().IsMatch(html), "An element has an event handler attribute.");
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        var policy = string.Join(';', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_form_keeps_the_choice_and_a_category_shows_only_its_sites()
    {
        var html = await PageAsync($"{StatisticsWeek.Query}&category=gambling&n=5");

        Assert.Contains("<option value=\"week\" selected>", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"gambling\" selected>", html, StringComparison.Ordinal);
        Assert.Contains("value=\"2025-03-26\"", html, StringComparison.Ordinal);
        Assert.Contains("Top 5 sites, week 2025-W13 (2025-03-24 to 2025-03-30), category gambling", html, StringComparison.Ordinal);
        Assert.Single(Bar().Matches(Svg().Match(html).Value));
        Assert.Contains("<tr><td>gambling</td><td>blocked</td><td>300</td></tr>", Cells(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_period_where_no_site_reaches_k_has_no_chart_and_says_why()
    {
        var html = await PageAsync("period=week&date=2025-03-19");

        Assert.DoesNotContain("<svg", html, StringComparison.Ordinal);
        Assert.Contains("No site was seen by at least 5 distinct clients on one day of this period", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_period_that_has_not_ended_says_its_counts_are_so_far()
    {
        var today = await PageAsync("period=day");
        var week = await PageAsync(StatisticsWeek.Query);

        Assert.Contains("Top 10 sites, 2025-03-31, all traffic", today, StringComparison.Ordinal);
        Assert.Contains("the period has not ended, these are the counts so far", today, StringComparison.Ordinal);
        Assert.DoesNotContain("so far", week, StringComparison.Ordinal);
    }

    private async Task<string> PageAsync(string query)
    {
        using var response = await _server.GetAsync(TestOrganisation.Secretary, $"/statistics?{query}");
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {html}");
        return html;
    }

    /// <summary>The page with the cells' alignment attributes left out, so the figures can be compared as text.</summary>
    private static string Cells(string html) => html.Replace("<td style=\"text-align:right\">", "<td>", StringComparison.Ordinal);

    [GeneratedRegex("<svg[^>]*>.*?</svg>", RegexOptions.Singleline)]
    private static partial Regex Svg();

    [GeneratedRegex("<rect class=\"bar\"")]
    private static partial Regex Bar();

    [GeneratedRegex("<rect class=\"bar\"[^>]* width=\"(\\d+)\"")]
    private static partial Regex BarWidth();

    [GeneratedRegex("<g data-site=\"([^\"]+)\">")]
    private static partial Regex SiteGroup();

    [GeneratedRegex("<tr data-site=\"([^\"]+)\">")]
    private static partial Regex TableSite();

    [GeneratedRegex("<[^>]+\\son[a-z]+=")]
    private static partial Regex OnAttribute();
}
