using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WebProxy.Admin.Governance;
using WebProxy.Governance;
using WebProxy.Policy.Investigations;

namespace WebProxy.Admin.Investigations;

/// <summary>
/// The investigations of issue 6 in the admin API, under <c>/api/investigations</c>: requesting (a manager or security
/// officer), deciding (the municipal secretary, or the mayor for a political office holder), withdrawing, legal holds
/// (the municipal secretary) and reading the report (the named readers only, each read with a purpose and recorded;
/// the CSV export counts as a read). Every endpoint needs a signed-in directory person (<see cref="AdminIdentity"/>);
/// the rules are <see cref="InvestigationRules"/>, applied by <see cref="InvestigationService"/> — this class only
/// translates HTTP. Someone who may not know of an investigation is answered 404, as if it did not exist.
/// </summary>
/// <remarks>
/// Needs <see cref="AdminServiceCollectionExtensions.AddWebProxyGovernance"/> (sign-in, the clock) and the host's
/// <see cref="InvestigationService"/> registered as a singleton of its own.
/// </remarks>
public static class InvestigationApi
{
    public static IEndpointRouteBuilder MapInvestigationApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        // Resolved once, here: a missing registration fails at startup rather than on the first request.
        _ = endpoints.ServiceProvider.GetService<InvestigationService>()
            ?? throw new InvalidOperationException($"Register the {nameof(InvestigationService)} as a singleton before {nameof(MapInvestigationApi)}.");
        _ = endpoints.ServiceProvider.GetService<AdminIdentity>()
            ?? throw new InvalidOperationException($"Call {nameof(AdminServiceCollectionExtensions.AddWebProxyGovernance)} before {nameof(MapInvestigationApi)}: investigations sign in like the rest of the admin port.");

        var api = endpoints.MapGroup("/api/investigations").WithTags("investigations");

        api.MapPost(string.Empty, async (HttpContext http, [FromServices] AdminIdentity identity, [FromServices] InvestigationService investigations, [FromServices] GovernanceEndpointsContext governance) =>
                await GovernanceApi.AuthenticatedAsync(http, identity, async (actor, _) =>
                {
                    var body = await JsonBody.ReadAsync<InvestigationRequest>(http.Request).ConfigureAwait(false);
                    return body.Succeeded
                        ? ProblemResponses.Answer(investigations.Request(actor, body.Value), i => Results.Created($"/api/investigations/{i.Id}", View(governance, i)))
                        : ProblemResponses.From(body.Problem);
                }).ConfigureAwait(false))
            .WithSummary("Requests an investigation of one person (articles 6.2, 6.3): a manager or security officer, with a purpose, a legal ground, a scope (traffic or content), a period and the people who may read the report. A person protected by article 6.6 is refused, and the refusal is recorded without naming them.")
            .WithJsonBody<InvestigationRequest>()
            .Produces<InvestigationView>(201).ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);

        api.MapGet(string.Empty, (HttpContext http, [FromServices] AdminIdentity identity, [FromServices] InvestigationService investigations, [FromServices] GovernanceEndpointsContext governance, string? purpose) =>
                GovernanceApi.Authenticated(http, identity, (actor, _) =>
                    ProblemResponses.Answer(investigations.List(actor, purpose), list => Results.Ok(list.Select(i => View(governance, i)).ToArray()))))
            .WithSummary("The investigations the caller may know of; a purpose is required when that includes others'.")
            .Produces<InvestigationView[]>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);

        api.MapGet("/{id:guid}", (HttpContext http, [FromServices] AdminIdentity identity, [FromServices] InvestigationService investigations, [FromServices] GovernanceEndpointsContext governance, Guid id, string? purpose) =>
                GovernanceApi.Authenticated(http, identity, (actor, _) =>
                    ProblemResponses.Answer(investigations.Get(actor, id, purpose), i => Results.Ok(View(governance, i)))))
            .WithSummary("One investigation (not its records); a purpose is required unless it is about the caller.")
            .Produces<InvestigationView>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);

        api.MapPost("/{id:guid}/approve", async (HttpContext http, [FromServices] AdminIdentity identity, [FromServices] InvestigationService investigations, [FromServices] GovernanceEndpointsContext governance, Guid id) =>
                await GovernanceApi.AuthenticatedAsync(http, identity, async (actor, _) =>
                {
                    var body = await OptionalBodyAsync(http, new InvestigationApprovalRequest()).ConfigureAwait(false);
                    return body.Succeeded
                        ? ProblemResponses.Answer(investigations.Approve(actor, id, body.Value), i => Results.Ok(View(governance, i)))
                        : ProblemResponses.From(body.Problem);
                }).ConfigureAwait(false))
            .WithSummary("Approves a requested investigation: the municipal secretary (who alone approves a content scope), or the mayor alone for a political office holder (article 6.7); never the requester.")
            .WithJsonBody<InvestigationApprovalRequest>(required: false)
            .Produces<InvestigationView>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        api.MapPost("/{id:guid}/refuse", async (HttpContext http, [FromServices] AdminIdentity identity, [FromServices] InvestigationService investigations, [FromServices] GovernanceEndpointsContext governance, Guid id) =>
                await WithReasonAsync(http, identity, required: true, (actor, reason) => investigations.Refuse(actor, id, reason), governance).ConfigureAwait(false))
            .WithSummary("Refuses a requested investigation, with a reason: whoever could approve it.")
            .WithJsonBody<InvestigationReasonRequest>()
            .Produces<InvestigationView>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        api.MapPost("/{id:guid}/withdraw", async (HttpContext http, [FromServices] AdminIdentity identity, [FromServices] InvestigationService investigations, [FromServices] GovernanceEndpointsContext governance, Guid id) =>
                await WithReasonAsync(http, identity, required: false, (actor, reason) => investigations.Withdraw(actor, id, reason), governance).ConfigureAwait(false))
            .WithSummary("Withdraws a requested investigation, or stops an approved one before its end (recording stops at once): the requester or the approving role.")
            .WithJsonBody<InvestigationReasonRequest>(required: false)
            .Produces<InvestigationView>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        api.MapPost("/{id:guid}/legal-hold", async (HttpContext http, [FromServices] AdminIdentity identity, [FromServices] InvestigationService investigations, [FromServices] GovernanceEndpointsContext governance, Guid id) =>
                await WithReasonAsync(http, identity, required: true, (actor, reason) => investigations.SetLegalHold(actor, id, reason), governance).ConfigureAwait(false))
            .WithSummary("Keeps an approved investigation's records past their retention (article 7.1): the municipal secretary, with a reason.")
            .WithJsonBody<InvestigationReasonRequest>()
            .Produces<InvestigationView>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        api.MapPost("/{id:guid}/legal-hold/release", async (HttpContext http, [FromServices] AdminIdentity identity, [FromServices] InvestigationService investigations, [FromServices] GovernanceEndpointsContext governance, Guid id) =>
                await WithReasonAsync(http, identity, required: true, (actor, reason) => investigations.ReleaseLegalHold(actor, id, reason), governance).ConfigureAwait(false))
            .WithSummary("Releases a legal hold, with a reason: the municipal secretary.")
            .WithJsonBody<InvestigationReasonRequest>()
            .Produces<InvestigationView>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        api.MapGet("/{id:guid}/report", (HttpContext http, [FromServices] AdminIdentity identity, [FromServices] InvestigationService investigations, [FromServices] GovernanceEndpointsContext governance, Guid id, string? purpose) =>
                GovernanceApi.Authenticated(http, identity, (actor, _) =>
                    ProblemResponses.Answer(investigations.ReadReport(actor, id, purpose, "report"), report =>
                    {
                        http.Response.Headers.CacheControl = "no-store";
                        return Results.Ok(InvestigationReportView.Of(report, governance.TimeProvider.GetUtcNow()));
                    })))
            .WithSummary("The requests recorded for an investigation: its named readers only, once approved, with a stated purpose; each read is written to the governance log (investigation_report_read).")
            .Produces<InvestigationReportView>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        api.MapGet("/{id:guid}/report.csv", (HttpContext http, [FromServices] AdminIdentity identity, [FromServices] InvestigationService investigations, Guid id, string? purpose) =>
                GovernanceApi.Authenticated(http, identity, (actor, _) =>
                    ProblemResponses.Answer(investigations.ReadReport(actor, id, purpose, "csv"), InvestigationReportCsv.Result)))
            .WithSummary("The same report as a CSV download; an export counts as a read and is recorded as one.")
            .Produces(200, contentType: "text/csv").ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        return endpoints;
    }

    private static InvestigationView View(GovernanceEndpointsContext governance, Investigation investigation) =>
        InvestigationView.Of(investigation, governance.TimeProvider.GetUtcNow());

    /// <summary>A signed-in action whose body is <c>{"reason": ...}</c>; optional when <paramref name="required"/> is false.</summary>
    private static Task<IResult> WithReasonAsync(
        HttpContext http,
        AdminIdentity identity,
        bool required,
        Func<Actor, string?, Outcome<Investigation>> act,
        GovernanceEndpointsContext governance) =>
        GovernanceApi.AuthenticatedAsync(http, identity, async (actor, _) =>
        {
            var body = required
                ? await JsonBody.ReadAsync<InvestigationReasonRequest>(http.Request).ConfigureAwait(false)
                : await OptionalBodyAsync(http, new InvestigationReasonRequest(null)).ConfigureAwait(false);
            return body.Succeeded
                ? ProblemResponses.Answer(act(actor, body.Value.Reason), i => Results.Ok(View(governance, i)))
                : ProblemResponses.From(body.Problem);
        });

    /// <summary>A JSON body when one was sent (read as strictly as any), else <paramref name="none"/>.</summary>
    private static async Task<Outcome<T>> OptionalBodyAsync<T>(HttpContext http, T none)
        where T : class
    {
        var chunked = http.Request.Headers.TransferEncoding.Any(e => e is not null && e.Contains("chunked", StringComparison.OrdinalIgnoreCase));
        return http.Request.ContentLength is > 0 || chunked
            ? await JsonBody.ReadAsync<T>(http.Request).ConfigureAwait(false)
            : none;
    }
}
