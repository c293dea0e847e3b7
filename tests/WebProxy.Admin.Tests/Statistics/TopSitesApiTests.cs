using System.Globalization;
using System.Net;
using System.Text.Json;
using WebProxy.Admin.Tests.Governance;
using WebProxy.Statistics.Counting;
using WebProxy.Testing;

namespace WebProxy.Admin.Tests.Statistics;

/// <summary>
/// <c>GET /api/statistics/top</c> and <c>/api/statistics/top.csv</c>: the week's top ten by requests, the sites seen
/// by fewer than five clients folded into "other sites" whatever their rank, rows that add up to the total, and the
/// figures the recorder still held included.
/// </summary>
public sealed class TopSitesApiTests : IAsyncLifetime
{
    private StatisticsServer _server = null!;

    public async Task InitializeAsync() => _server = await StatisticsServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_week_has_its_top_ten_and_the_sites_below_k_are_only_counted()
    {
        var report = await GetJsonAsync($"/api/statistics/top?{StatisticsWeek.Query}");

        var sites = report.GetProperty("sites").EnumerateArray().ToArray();
        Assert.Equal(StatisticsWeek.TopTen, sites.Select(s => s.GetProperty("site").GetString()));
        Assert.Equal(Enumerable.Range(1, 10), sites.Select(s => s.GetProperty("rank").GetInt32()));
        var first = sites[0];
        Assert.Equal(1_850, first.GetProperty("requests").GetInt64());
        Assert.Equal(95_000_000, first.GetProperty("bytesToClient").GetInt64());
        Assert.Equal(2_000_000, first.GetProperty("bytesToOrigin").GetInt64());
        Assert.Equal(41, first.GetProperty("visitorsOnBusiestDay").GetInt64());
        Assert.Equal(300, sites[8].GetProperty("blocked").GetInt64());

        var other = report.GetProperty("otherSites");
        Assert.Equal(5, other.GetProperty("sites").GetInt32());
        Assert.Equal(2, other.GetProperty("belowK").GetInt32());
        Assert.Equal(2_400 + 210 + 190 + 120 + 15, other.GetProperty("requests").GetInt64());
        var text = report.GetRawText();
        Assert.DoesNotContain(StatisticsWeek.Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(StatisticsWeek.Tiny, text, StringComparison.Ordinal);
        Assert.DoesNotContain("outside.nl", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_rows_add_up_to_the_total_and_the_period_is_the_local_week()
    {
        var report = await GetJsonAsync($"/api/statistics/top?{StatisticsWeek.Query}");

        var total = report.GetProperty("total");
        Assert.Equal(15, total.GetProperty("sites").GetInt32());
        Assert.Equal(StatisticsWeek.TotalRequests, total.GetProperty("requests").GetInt64());
        foreach (var figure in new[] { "requests", "bytesToClient", "bytesToOrigin", "blocked" })
        {
            var named = report.GetProperty("sites").EnumerateArray().Sum(s => s.GetProperty(figure).GetInt64());
            Assert.Equal(total.GetProperty(figure).GetInt64(), named + report.GetProperty("otherSites").GetProperty(figure).GetInt64());
        }

        var period = report.GetProperty("period");
        Assert.Equal("week", period.GetProperty("kind").GetString());
        Assert.Equal("2025-03-24", period.GetProperty("firstDay").GetString());
        Assert.Equal("2025-03-30", period.GetProperty("lastDay").GetString());
        Assert.Equal(new DateTimeOffset(2025, 3, 23, 23, 0, 0, TimeSpan.Zero), period.GetProperty("from").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2025, 3, 30, 22, 0, 0, TimeSpan.Zero), period.GetProperty("to").GetDateTimeOffset());
        Assert.Equal("Europe/Amsterdam", period.GetProperty("timeZone").GetString());
        Assert.Equal(5, report.GetProperty("k").GetInt32());
        Assert.Equal(10, report.GetProperty("n").GetInt32());
    }

    [Fact]
    public async Task A_category_report_has_only_that_rules_traffic_and_decisions()
    {
        var report = await GetJsonAsync($"/api/statistics/top?{StatisticsWeek.Query}&category=gambling");

        var site = Assert.Single(report.GetProperty("sites").EnumerateArray());
        Assert.Equal("casino.com", site.GetProperty("site").GetString());
        Assert.Equal("gambling", report.GetProperty("category").GetString());
        Assert.Equal(300, report.GetProperty("total").GetProperty("requests").GetInt64());
        var decision = Assert.Single(report.GetProperty("decisions").EnumerateArray());
        Assert.Equal(("gambling", "blocked", 300L), (decision.GetProperty("rule").GetString(), decision.GetProperty("decision").GetString(), decision.GetProperty("requests").GetInt64()));
    }

    [Fact]
    public async Task Fewer_sites_can_be_asked_for_and_the_rest_are_other_sites()
    {
        var report = await GetJsonAsync($"/api/statistics/top?{StatisticsWeek.Query}&n=3");

        Assert.Equal(StatisticsWeek.TopTen[..3], report.GetProperty("sites").EnumerateArray().Select(s => s.GetProperty("site").GetString()));
        Assert.Equal(12, report.GetProperty("otherSites").GetProperty("sites").GetInt32());
    }

    [Fact]
    public async Task The_counts_the_recorder_still_holds_are_flushed_before_the_report()
    {
        // 600 more requests to knmi.nl (210 stored) in the last seconds lift it from eleventh to fifth place.
        _server.Pending = new StatisticsBatch([new SiteHourCounts(new DateTimeOffset(2025, 3, 28, 14, 0, 0, TimeSpan.Zero), "knmi.nl", "", 600, 0, 0, 0)], [], []);

        var report = await GetJsonAsync($"/api/statistics/top?{StatisticsWeek.Query}");

        var knmi = report.GetProperty("sites").EnumerateArray().Single(s => s.GetProperty("site").GetString() == "knmi.nl");
        Assert.Equal(810, knmi.GetProperty("requests").GetInt64());
        Assert.Equal(5, knmi.GetProperty("rank").GetInt32());
        Assert.Equal(1, _server.Flushes);
    }

    [Fact]
    public async Task The_csv_has_a_header_a_row_per_named_site_and_the_other_and_total_rows()
    {
        using var response = await _server.GetAsync(TestOrganisation.PrivacyOfficer, $"/api/statistics/top.csv?{StatisticsWeek.Query}");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("top-sites-week-2025-03-24.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        var rows = Csv.Parse(text);
        Assert.Equal(["rank", "site", "requests", "bytes_to_client", "bytes_to_origin", "blocked", "visitors_on_busiest_day"], rows[0]);
        Assert.Equal(1 + 10 + 2, rows.Count);
        Assert.All(rows, row => Assert.Equal(7, row.Length));
        Assert.Equal(["1", "gemeente-almere.nl", "1850", "95000000", "2000000", "0", "41"], rows[1]);
        Assert.Equal(StatisticsWeek.TopTen, rows.Skip(1).Take(10).Select(r => r[1]));
        Assert.Equal(["", "(other sites)", "2935"], rows[11][..3]);
        Assert.Equal(["", "(total)", StatisticsWeek.TotalRequests.ToString(CultureInfo.InvariantCulture)], rows[12][..3]);
        Assert.Equal(long.Parse(rows[12][2], CultureInfo.InvariantCulture), rows.Skip(1).Take(11).Sum(r => long.Parse(r[2], CultureInfo.InvariantCulture)));
        Assert.DoesNotContain(StatisticsWeek.Secret, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_csv_of_a_category_is_named_after_it()
    {
        using var response = await _server.GetAsync(TestOrganisation.ItPerson, $"/api/statistics/top.csv?{StatisticsWeek.Query}&category=gambling");

        Assert.Equal("top-sites-week-2025-03-24-gambling.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(4, Csv.Parse(await response.Content.ReadAsStringAsync()).Count);
    }

    [Fact]
    public async Task Without_a_period_it_is_today_which_began_at_local_midnight()
    {
        // Today is Monday 31 March; its first hour began at 22:00 UTC on the 30th (00:00 summer time).
        var report = await GetJsonAsync("/api/statistics/top");

        Assert.Equal("day", report.GetProperty("period").GetProperty("kind").GetString());
        Assert.Equal("2025-03-31", report.GetProperty("period").GetProperty("firstDay").GetString());
        var site = Assert.Single(report.GetProperty("sites").EnumerateArray());
        Assert.Equal(("outside.nl", 99_999L, 50L), (site.GetProperty("site").GetString(), site.GetProperty("requests").GetInt64(), site.GetProperty("visitorsOnBusiestDay").GetInt64()));
        Assert.Equal(99_999, report.GetProperty("total").GetProperty("requests").GetInt64());
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await _server.GetAsync(TestOrganisation.Secretary, path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
