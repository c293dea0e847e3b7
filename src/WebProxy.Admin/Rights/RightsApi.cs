using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WebProxy.Admin.Governance;
using WebProxy.Governance;
using WebProxy.Governance.Rights;

namespace WebProxy.Admin.Rights;

/// <summary>
/// The employee's rights of article 8 under <c>/api</c>: the overview of everything held about the signed-in person,
/// and requests to correct, complete, delete or block, answered by a privacy officer within four weeks. Every
/// endpoint needs a signed-in directory person (<see cref="AdminIdentity"/>); the rules are in
/// <see cref="SubjectAccessService"/> and <see cref="RightsRequestService"/>, which the host registers as singletons
/// beside <see cref="AdminServiceCollectionExtensions.AddWebProxyGovernance"/>. This class only translates HTTP.
/// </summary>
public static class RightsApi
{
    public static IEndpointRouteBuilder MapRightsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/api").WithTags("rights");

        api.MapGet("/me/data", (HttpContext http, [FromServices] AdminIdentity identity, [FromServices] SubjectAccessService access) =>
                GovernanceApi.Authenticated(http, identity, (actor, _) => ProblemResponses.Answer(access.Report(actor), Results.Ok)))
            .WithSummary("Everything held about the signed-in person (article 8): directory entry, exemptions, disclosed investigations and their records, rights requests, and every governance record about them. Not recorded: it is their own data.")
            .Produces<SubjectAccessReport>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);

        api.MapPost("/me/requests", async (HttpContext http, [FromServices] AdminIdentity identity, [FromServices] GovernanceEndpointsContext governance, [FromServices] RightsRequestService rights) =>
                await GovernanceApi.AuthenticatedAsync(http, identity, async (actor, _) =>
                {
                    var body = await JsonBody.ReadAsync<RightsRequestFiling>(http.Request).ConfigureAwait(false);
                    return body.Succeeded
                        ? ProblemResponses.Answer(rights.File(actor, body.Value), r => Results.Created((string?)null, RightsRequestView.Of(r, governance.TimeProvider.GetUtcNow())))
                        : ProblemResponses.From(body.Problem);
                }).ConfigureAwait(false))
            .WithSummary("Files a request to correct, complete, delete or block one's own data (article 8); a privacy officer answers it within 28 days.")
            .WithJsonBody<RightsRequestFiling>()
            .Produces<RightsRequestView>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);

        api.MapGet("/me/requests", (HttpContext http, [FromServices] AdminIdentity identity, [FromServices] GovernanceEndpointsContext governance, [FromServices] RightsRequestService rights) =>
                GovernanceApi.Authenticated(http, identity, (actor, _) =>
                {
                    var now = governance.TimeProvider.GetUtcNow();
                    return ProblemResponses.Answer(rights.Mine(actor), list => Results.Ok(list.Select(r => RightsRequestView.Of(r, now)).ToArray()));
                }))
            .WithSummary("The rights requests the signed-in person filed, with their answers.")
            .Produces<RightsRequestView[]>().ProducesProblem(401).ProducesProblem(403);

        api.MapGet("/rights-requests", (HttpContext http, [FromServices] AdminIdentity identity, [FromServices] GovernanceEndpointsContext governance, [FromServices] RightsRequestService rights, string? overdue, string? purpose) =>
                GovernanceApi.Authenticated(http, identity, (actor, _) =>
                {
                    if (!TryParseFlag(overdue, out var overdueOnly))
                    {
                        return ProblemResponses.From(Problem.Invalid("overdue", $"expected true or false, not '{overdue}'"));
                    }

                    var now = governance.TimeProvider.GetUtcNow();
                    return ProblemResponses.Answer(rights.ListOpen(actor, overdueOnly, now, purpose), list => Results.Ok(list.Select(r => RightsRequestView.Of(r, now)).ToArray()));
                }))
            .WithSummary("The unanswered rights requests, oldest due date first; ?overdue=true for those past their due date (privacy officers; a purpose is required, the read is recorded).")
            .Produces<RightsRequestView[]>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);

        api.MapPost("/rights-requests/{id:guid}/answer", async (HttpContext http, [FromServices] AdminIdentity identity, [FromServices] GovernanceEndpointsContext governance, [FromServices] RightsRequestService rights, Guid id) =>
                await GovernanceApi.AuthenticatedAsync(http, identity, async (actor, _) =>
                {
                    var body = await JsonBody.ReadAsync<RightsRequestAnswer>(http.Request).ConfigureAwait(false);
                    return body.Succeeded
                        ? ProblemResponses.Answer(rights.Answer(actor, id, body.Value), r => Results.Ok(RightsRequestView.Of(r, governance.TimeProvider.GetUtcNow())))
                        : ProblemResponses.From(body.Problem);
                }).ConfigureAwait(false))
            .WithSummary("Answers a rights request (privacy officers): granted, saying what was done, or refused, giving reasons.")
            .WithJsonBody<RightsRequestAnswer>()
            .Produces<RightsRequestView>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        return endpoints;
    }

    private static bool TryParseFlag(string? text, out bool value)
    {
        value = false;
        return string.IsNullOrEmpty(text) || bool.TryParse(text, out value);
    }
}
