using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WebProxy.Governance;
using WebProxy.Policy.Identity;
using WebProxy.Storage;

namespace WebProxy.Admin.Governance;

/// <summary>
/// The admin API of issue 4 under <c>/api</c>: the directory, exemptions and the governance log. Every endpoint needs
/// a signed-in directory person (<see cref="AdminIdentity"/>); what each may do is <see cref="AdminAccess"/> and the
/// exemption rules, applied by the services — this class only translates HTTP. Reads of other people's data take a
/// <c>purpose</c> query parameter, which goes into the governance log.
/// </summary>
public static class GovernanceApi
{
    public static IEndpointRouteBuilder MapGovernanceApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/api").WithTags("governance");

        api.MapGet("/me", (HttpContext http, [FromServices] AdminIdentity identity) =>
                Authenticated(http, identity, (_, person) => Results.Ok(PersonView.Of(person, showProtected: true))))
            .WithSummary("The signed-in person.")
            .Produces<PersonView>().ProducesProblem(401).ProducesProblem(429);

        api.MapGet("/directory", (HttpContext http, [FromServices] AdminIdentity identity, [FromServices] GovernanceEndpointsContext governance, string? purpose) =>
                Authenticated(http, identity, (actor, _) => ProblemResponses.Answer(governance.Directory.List(actor, purpose), Results.Ok)))
            .WithSummary("The people the caller may see; a purpose is required when that includes others.")
            .Produces<PersonView[]>().ProducesProblem(400).ProducesProblem(401);

        api.MapGet("/directory/{id}", (HttpContext http, [FromServices] AdminIdentity identity, [FromServices] GovernanceEndpointsContext governance, string id, string? purpose) =>
                Authenticated(http, identity, (actor, _) => ProblemResponses.Answer(governance.Directory.Get(actor, id, purpose), Results.Ok)))
            .WithSummary("One person's entry.")
            .Produces<PersonView>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(404);

        api.MapPut("/directory/{id}", async (HttpContext http, [FromServices] AdminIdentity identity, [FromServices] GovernanceEndpointsContext governance, string id) =>
                await AuthenticatedAsync(http, identity, async (actor, _) =>
                {
                    var body = await JsonBody.ReadAsync<PersonRequest>(http.Request).ConfigureAwait(false);
                    return body.Succeeded ? ProblemResponses.Answer(governance.Directory.Put(actor, id, body.Value), Results.Ok) : ProblemResponses.From(body.Problem);
                }).ConfigureAwait(false))
            .WithSummary("Adds a person or replaces their entry (IT only). The password, when given, is stored as a PBKDF2 hash.")
            .WithJsonBody<PersonRequest>()
            .Produces<PersonView>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(409);

        api.MapDelete("/directory/{id}", (HttpContext http, [FromServices] AdminIdentity identity, [FromServices] GovernanceEndpointsContext governance, string id) =>
                Authenticated(http, identity, (actor, _) => ProblemResponses.Answer(governance.Directory.Remove(actor, id), _ => Results.NoContent())))
            .WithSummary("Removes a person (IT only); refused while they manage someone.")
            .Produces(204).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        api.MapGet("/exemptions", (HttpContext http, [FromServices] AdminIdentity identity, [FromServices] GovernanceEndpointsContext governance, string? subject, bool? active, string? purpose) =>
                Authenticated(http, identity, (actor, _) =>
                {
                    var now = governance.TimeProvider.GetUtcNow();
                    return ProblemResponses.Answer(
                        governance.Exemptions.List(actor, new ExemptionQuery(subject, active ?? false), purpose),
                        list => Results.Ok(list.Select(e => ExemptionView.Of(e, now)).ToArray()));
                }))
            .WithSummary("The exemptions the caller may see; a purpose is required when that includes others'.")
            .Produces<ExemptionView[]>().ProducesProblem(400).ProducesProblem(401);

        api.MapGet("/exemptions/{id:guid}", (HttpContext http, [FromServices] AdminIdentity identity, [FromServices] GovernanceEndpointsContext governance, Guid id, string? purpose) =>
                Authenticated(http, identity, (actor, _) =>
                    ProblemResponses.Answer(governance.Exemptions.Get(actor, id, purpose), e => Results.Ok(ExemptionView.Of(e, governance.TimeProvider.GetUtcNow())))))
            .WithSummary("One exemption.")
            .Produces<ExemptionView>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(404);

        api.MapPost("/exemptions/research", async (HttpContext http, [FromServices] AdminIdentity identity, [FromServices] GovernanceEndpointsContext governance) =>
                await AuthenticatedAsync(http, identity, async (actor, _) =>
                {
                    var body = await JsonBody.ReadAsync<ResearchGrantRequest>(http.Request).ConfigureAwait(false);
                    return body.Succeeded ? Created(governance, governance.Exemptions.GrantResearch(actor, body.Value)) : ProblemResponses.From(body.Problem);
                }).ConfigureAwait(false))
            .WithSummary("Grants a research exemption (article 5.4): only the subject's own manager, never to themselves.")
            .WithJsonBody<ResearchGrantRequest>()
            .Produces<ExemptionView>(201).ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);

        api.MapPost("/exemptions/size", async (HttpContext http, [FromServices] AdminIdentity identity, [FromServices] GovernanceEndpointsContext governance) =>
                await AuthenticatedAsync(http, identity, async (actor, _) =>
                {
                    var body = await JsonBody.ReadAsync<SizeGrantRequest>(http.Request).ConfigureAwait(false);
                    return body.Succeeded ? Created(governance, governance.Exemptions.GrantSize(actor, body.Value)) : ProblemResponses.From(body.Problem);
                }).ConfigureAwait(false))
            .WithSummary("Grants an oversized-transfer exemption (article 5.4): technical architects only.")
            .WithJsonBody<SizeGrantRequest>()
            .Produces<ExemptionView>(201).ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);

        api.MapPost("/exemptions/{id:guid}/revoke", async (HttpContext http, [FromServices] AdminIdentity identity, [FromServices] GovernanceEndpointsContext governance, Guid id) =>
                await AuthenticatedAsync(http, identity, async (actor, _) =>
                {
                    RevokeRequest? request = null;
                    if (http.Request.ContentLength is > 0)
                    {
                        var body = await JsonBody.ReadAsync<RevokeRequest>(http.Request).ConfigureAwait(false);
                        if (!body.Succeeded)
                        {
                            return ProblemResponses.From(body.Problem);
                        }

                        request = body.Value;
                    }

                    return ProblemResponses.Answer(governance.Exemptions.Revoke(actor, id, request?.Reason), e => Results.Ok(ExemptionView.Of(e, governance.TimeProvider.GetUtcNow())));
                }).ConfigureAwait(false))
            .WithSummary("Revokes an exemption at once: the grantor, a privacy officer or a manager in the subject's line.")
            .WithJsonBody<RevokeRequest>(required: false)
            .Produces<ExemptionView>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        api.MapGet("/log", (HttpContext http, [FromServices] AdminIdentity identity, [FromServices] GovernanceEndpointsContext governance, DateTimeOffset? from, DateTimeOffset? to, string? subject, string? purpose) =>
                Authenticated(http, identity, (actor, _) => ProblemResponses.Answer(governance.Log.Read(actor, from, to, subject, purpose), Results.Ok)))
            .WithSummary("Governance records in a period (privacy officer, municipal secretary, security officer); the read itself is recorded.")
            .Produces<GovernanceRecord[]>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);

        api.MapGet("/log/verify", (HttpContext http, [FromServices] AdminIdentity identity, [FromServices] GovernanceEndpointsContext governance, string? head) =>
                Authenticated(http, identity, (actor, _) =>
                {
                    GovernanceHead? exported = null;
                    if (head is not null && !GovernanceHead.TryParse(head, out exported))
                    {
                        return ProblemResponses.From(Problem.Invalid("head", "expected SEQUENCE:HASH as printed by 'webproxy log verify --head'"));
                    }

                    return ProblemResponses.Answer(governance.Log.Verify(actor, exported), Results.Ok);
                }))
            .WithSummary("Checks the hash chain; names the first edited, deleted or reordered record.")
            .Produces<GovernanceVerification>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);

        return endpoints;
    }

    /// <summary>Runs <paramref name="handle"/> for a signed-in person (as an API actor), else answers 401/429.</summary>
    public static IResult Authenticated(HttpContext http, AdminIdentity identity, Func<Actor, Person, IResult> handle)
    {
        var person = identity.Resolve(http);
        return person.Succeeded ? handle(Actor.Api(person.Value.Id), person.Value) : ProblemResponses.Unauthenticated(http, person.Problem);
    }

    public static async Task<IResult> AuthenticatedAsync(HttpContext http, AdminIdentity identity, Func<Actor, Person, Task<IResult>> handle)
    {
        var person = identity.Resolve(http);
        return person.Succeeded
            ? await handle(Actor.Api(person.Value.Id), person.Value).ConfigureAwait(false)
            : ProblemResponses.Unauthenticated(http, person.Problem);
    }

    private static IResult Created(GovernanceEndpointsContext governance, Outcome<Policy.Exemptions.Exemption> outcome) =>
        ProblemResponses.Answer(outcome, e => Results.Created($"/api/exemptions/{e.Id}", ExemptionView.Of(e, governance.TimeProvider.GetUtcNow())));
}
