using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using WebProxy.Admin.Governance;
using WebProxy.Statistics.Reports;

namespace WebProxy.Admin.Statistics;

/// <summary>
/// The top-sites report of issue 5 in the admin API: <c>GET /api/statistics/top</c> (JSON) and
/// <c>GET /api/statistics/top.csv</c> (a CSV download), with the query parameters <c>period</c> (day, week, month,
/// range), <c>date</c> (YYYY-MM-DD, a day in the period; today when left out), <c>to</c> (a range's last day),
/// <c>category</c> (a rule name; all traffic when left out) and <c>n</c> (1 to 100, 10 when left out). Callers sign
/// in like every admin API caller (<see cref="AdminIdentity"/>); <see cref="StatisticsAccess"/> says who may read.
/// </summary>
internal static class StatisticsApi
{
    public static IEndpointRouteBuilder MapStatisticsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/statistics").WithTags("statistics");

        api.MapGet("/top", (HttpContext http, [FromServices] AdminIdentity identity, [FromServices] StatisticsEndpointsContext statistics,
                    string? period, string? date, string? to, string? category, string? n) =>
                AnswerAsync(http, identity, statistics, new TopSitesParameters(period, date, to, category, n), report => Results.Ok(TopSitesView.Of(report))))
            .WithSummary("The most requested sites of a day, week, month or range (toelichting on article 6.1a); sites seen by fewer than k distinct clients on their busiest day are counted but not named.")
            .Produces<TopSitesView>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);

        api.MapGet("/top.csv", (HttpContext http, [FromServices] AdminIdentity identity, [FromServices] StatisticsEndpointsContext statistics,
                    string? period, string? date, string? to, string? category, string? n) =>
                AnswerAsync(http, identity, statistics, new TopSitesParameters(period, date, to, category, n), TopSitesCsv.Result))
            .WithSummary("The same report as a CSV download: a header row, one row per named site, then (other sites) and (total).")
            .Produces(200, contentType: "text/csv").ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);

        return endpoints;
    }

    private static async Task<IResult> AnswerAsync(
        HttpContext http,
        AdminIdentity identity,
        StatisticsEndpointsContext statistics,
        TopSitesParameters parameters,
        Func<TopSitesReport, IResult> answer) =>
        await GovernanceApi.AuthenticatedAsync(http, identity, async (_, person) =>
        {
            if (!StatisticsAccess.CanRead(person))
            {
                return ProblemResponses.From(StatisticsAccess.Refusal());
            }

            var query = parameters.Resolve(statistics.TimeZone, statistics.TimeProvider.GetUtcNow());
            return query.Succeeded
                ? answer(await TopSitesReports.BuildAsync(statistics, query.Value).ConfigureAwait(false))
                : ProblemResponses.From(query.Problem);
        }).ConfigureAwait(false);
}
