using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using WebProxy.Admin.Governance;
using WebProxy.Admin.ManagerPages;
using WebProxy.Governance;
using WebProxy.Statistics.Reports;

namespace WebProxy.Admin.Statistics;

/// <summary>
/// The page <c>GET /statistics</c>: a form to choose the period, date and category, the top sites as a bar chart
/// (<see cref="TopSitesChart"/>) and the same figures in a table, the "other sites" and total rows, and the requests
/// per rule and decision. Server-rendered in the manager pages' frame (<see cref="PageHtml"/>): no scripts, nothing
/// loaded from elsewhere. It takes the same query parameters as <c>/api/statistics/top</c> and links to the CSV.
/// </summary>
internal static class StatisticsPage
{
    private const string Title = "Usage statistics";

    // Figures line up on their last digit. The frame's style sheet aligns cells left; an attribute overrides it.
    private const string Number = "<td style=\"text-align:right\">";

    /// <summary>The page, a refusal (403), the form with the problem (400), or a redirect to sign in.</summary>
    public static async Task<IResult> ShowAsync(HttpContext http, AdminIdentity identity, StatisticsEndpointsContext statistics, TopSitesParameters parameters)
    {
        var signedIn = identity.Resolve(http);
        if (!signedIn.Succeeded)
        {
            return Results.Redirect("/login", permanent: false);
        }

        var person = signedIn.Value;
        if (!StatisticsAccess.CanRead(person))
        {
            var reason = StatisticsAccess.Refusal().Reason;
            return PageHtml.Page(Title, $"<p class=\"error\" id=\"error\">{PageHtml.Encode(char.ToUpperInvariant(reason[0]) + reason[1..])}.</p>", person.DisplayName, StatusCodes.Status403Forbidden);
        }

        var now = statistics.TimeProvider.GetUtcNow();
        var today = LocalDays.DateOf(now, statistics.TimeZone);
        var query = parameters.Resolve(statistics.TimeZone, now);
        var body = new StringBuilder();
        if (!query.Succeeded)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"error\" id=\"error\" data-field=\"{PageHtml.Encode(query.Problem.Field)}\">{PageHtml.Encode(query.Problem.ToString())}</p>");
            body.Append(Form(parameters, today));
            return PageHtml.Page(Title, body.ToString(), person.DisplayName, StatusCodes.Status400BadRequest);
        }

        var report = await TopSitesReports.BuildAsync(statistics, query.Value).ConfigureAwait(false);
        body.Append(Form(parameters, today));
        Report(body, report, parameters, now);
        return PageHtml.Page(Title, body.ToString(), person.DisplayName);
    }

    private static string Form(TopSitesParameters parameters, DateOnly today)
    {
        var form = new StringBuilder("""<form id="choose" method="get" action="/statistics" style="display:flex;flex-wrap:wrap;gap:0 1.2rem;align-items:flex-end">""");
        form.Append("""<div><label for="period">Period</label><select id="period" name="period">""");
        foreach (var kind in ReportPeriodKinds.All.Select(ReportPeriodKinds.Name))
        {
            var selected = kind == (string.IsNullOrEmpty(parameters.Period) ? "day" : parameters.Period) ? " selected" : string.Empty;
            form.Append(CultureInfo.InvariantCulture, $"<option value=\"{kind}\"{selected}>{kind}</option>");
        }

        var date = string.IsNullOrEmpty(parameters.Date) ? ReportPeriod.Format(today) : parameters.Date;
        form.Append(CultureInfo.InvariantCulture, $"""
            </select></div>
            <div><label for="date">Date (a day in the period)</label><input id="date" name="date" type="date" value="{PageHtml.Encode(date)}" max="{ReportPeriod.Format(today)}"></div>
            <div><label for="to">Last day (range only)</label><input id="to" name="to" type="date" value="{PageHtml.Encode(parameters.To)}"></div>
            <div><label for="category">Category</label><select id="category" name="category"><option value="">all traffic</option>
            """);
        foreach (var category in StatisticsCategories.All)
        {
            var selected = category == parameters.Category ? " selected" : string.Empty;
            form.Append(CultureInfo.InvariantCulture, $"<option value=\"{category}\"{selected}>{category}</option>");
        }

        var n = string.IsNullOrEmpty(parameters.N) ? TopSitesReport.DefaultCount.ToString(CultureInfo.InvariantCulture) : parameters.N;
        form.Append(CultureInfo.InvariantCulture, $"""
            </select></div>
            <div><label for="n">Sites</label><input id="n" name="n" type="number" min="1" max="{TopSitesReport.MaxCount}" value="{PageHtml.Encode(n)}" style="width:5rem"></div>
            <div><button id="show" type="submit" style="margin-bottom:.1rem">Show</button></div></form>
            """);
        return form.ToString();
    }

    private static void Report(StringBuilder body, TopSitesReport report, TopSitesParameters parameters, DateTimeOffset now)
    {
        var period = report.Period;
        var scope = report.Category is null ? "all traffic" : $"category {report.Category}";
        var heading = $"Top {report.Count} sites, {period.Describe()}, {scope}";
        body.Append(CultureInfo.InvariantCulture, $"""
            <h2 id="heading">{PageHtml.Encode(heading)}</h2>
            <p id="summary">{Quantities.Count(report.Total.Requests)} requests to {Quantities.Count(report.Total.Sites)} sites, from {PageTimes.Show(period.From, period.TimeZone)} to {PageTimes.Show(period.To, period.TimeZone)} ({PageHtml.Encode(period.TimeZone.Id)}){(now < period.To ? "; the period has not ended, these are the counts so far" : string.Empty)}.</p>
            """);
        body.Append(report.Sites.Count > 0
            ? TopSitesChart.Svg(report, heading)
            : $"<p id=\"no-sites\">No site was seen by at least {report.K} distinct clients on one day of this period, so none is named.</p>");
        SiteTable(body, report);
        body.Append(CultureInfo.InvariantCulture, $"""
            <p id="k-note"><small>Sites seen by fewer than {report.K} distinct clients on every day of the period are never named, only counted under "other sites" (article 6.2 of the regulation: control works on totals that cannot be traced to persons). <em>Visitors on busiest day</em> is the number of distinct clients on the site's busiest day, a lower bound of its visitors in the period: each day's clients are counted under a key of that day only, which is then destroyed, so the same person on two days cannot be recognised. Only traffic data is kept (article 6.1a): no addresses, names or pages.</small></p>
            <p><a id="csv" href="/api/statistics/top.csv?{Query(parameters)}">Download as CSV</a></p>
            """);
        DecisionTable(body, report);
    }

    private static void SiteTable(StringBuilder body, TopSitesReport report)
    {
        body.Append("""
            <table id="top-sites"><caption style="text-align:left;padding:.6rem 0">The chart's figures</caption>
            <thead><tr><th>Rank</th><th>Site</th><th style="text-align:right">Requests</th><th style="text-align:right">Data to clients</th><th style="text-align:right">Data to sites</th><th style="text-align:right">Blocked</th><th style="text-align:right">Visitors on busiest day</th></tr></thead><tbody>
            """);
        foreach (var site in report.Sites)
        {
            body.Append(CultureInfo.InvariantCulture, $"""
                <tr data-site="{PageHtml.Encode(site.Site)}"><td>{site.Rank}</td><td>{PageHtml.Encode(site.Site)}</td>{Numbers(site.Requests, site.BytesToClient, site.BytesToOrigin, site.Blocked)}{Number}{Quantities.Count(site.VisitorsOnBusiestDay)}</td></tr>
                """);
        }

        var other = report.OtherSites;
        var total = report.Total;
        body.Append(CultureInfo.InvariantCulture, $"""
            </tbody><tfoot>
            <tr id="other-sites"><td></td><td>Other sites: {Quantities.Count(other.Sites)}, of which {Quantities.Count(other.BelowK)} seen by fewer than {report.K} clients</td>{Numbers(other.Requests, other.BytesToClient, other.BytesToOrigin, other.Blocked)}<td></td></tr>
            <tr id="total"><th></th><th>Total: {Quantities.Count(total.Sites)} sites</th>{Numbers(total.Requests, total.BytesToClient, total.BytesToOrigin, total.Blocked)}<td></td></tr>
            </tfoot></table>
            """);
    }

    private static void DecisionTable(StringBuilder body, TopSitesReport report)
    {
        body.Append("""<h2>Requests per rule and decision</h2><table id="decisions"><thead><tr><th>Rule</th><th>Decision</th><th style="text-align:right">Requests</th></tr></thead><tbody>""");
        foreach (var decision in report.Decisions)
        {
            var rule = decision.Rule.Length == 0 ? "(none)" : decision.Rule;
            body.Append(CultureInfo.InvariantCulture, $"<tr><td>{PageHtml.Encode(rule)}</td><td>{PageHtml.Encode(decision.Decision)}</td>{Number}{Quantities.Count(decision.Requests)}</td></tr>");
        }

        body.Append("</tbody></table>");
    }

    private static string Numbers(long requests, long toClient, long toOrigin, long blocked) =>
        $"{Number}{Quantities.Count(requests)}</td>{Number}{Quantities.Bytes(toClient)}</td>{Number}{Quantities.Bytes(toOrigin)}</td>{Number}{Quantities.Count(blocked)}</td>";

    private static string Query(TopSitesParameters parameters)
    {
        var pairs = new[] { ("period", parameters.Period), ("date", parameters.Date), ("to", parameters.To), ("category", parameters.Category), ("n", parameters.N) };
        return PageHtml.Encode(string.Join('&', pairs
            .Where(pair => !string.IsNullOrEmpty(pair.Item2))
            .Select(pair => $"{pair.Item1}={Uri.EscapeDataString(pair.Item2!)}")));
    }
}
