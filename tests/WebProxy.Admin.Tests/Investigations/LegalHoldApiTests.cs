using System.Net;
using static WebProxy.Testing.TestOrganisation;

namespace WebProxy.Admin.Tests.Investigations;

/// <summary>
/// Article 7.1 through the admin API: only the municipal secretary puts an approved investigation's records on legal
/// hold and releases it, each with a reason, each recorded in the governance log.
/// </summary>
public sealed class LegalHoldApiTests
{
    [Theory]
    [InlineData(Manager)] // the requester
    [InlineData(SecurityOfficer)] // the named reader
    [InlineData(PrivacyOfficer)] // supervises
    public async Task Nobody_but_the_secretary_sets_or_releases_a_legal_hold(string caller)
    {
        await using var server = await InvestigationServer.StartAsync();
        var id = await server.RequestAsync(Manager, Researcher, [SecurityOfficer]);
        await server.ApproveAsync(id);

        var set = await server.PostAsync(caller, $"/api/investigations/{id}/legal-hold", new { reason = "Court case pending" });
        Assert.True(set.Status == HttpStatusCode.Forbidden, set.ToString());
        Assert.Equal("actor", set.Field);
        Assert.Contains("only the municipal secretary sets and releases a legal hold", set.Text, StringComparison.Ordinal);

        var held = await server.PostAsync(Secretary, $"/api/investigations/{id}/legal-hold", new { reason = "Court case pending" });
        Assert.True(held.Status == HttpStatusCode.OK, held.ToString());

        var release = await server.PostAsync(caller, $"/api/investigations/{id}/legal-hold/release", new { reason = "Case settled" });
        Assert.True(release.Status == HttpStatusCode.Forbidden, release.ToString());
        Assert.Equal("actor", release.Field);
        Assert.Empty(await server.RecordsAsync("legal_hold_released"));
    }

    [Fact]
    public async Task The_secretary_sets_a_hold_with_a_reason_and_releases_it_explicitly_and_both_are_recorded()
    {
        await using var server = await InvestigationServer.StartAsync();
        var id = await server.RequestAsync(Manager, Researcher, [SecurityOfficer]);

        var beforeApproval = await server.PostAsync(Secretary, $"/api/investigations/{id}/legal-hold", new { reason = "Court case pending" });
        Assert.True(beforeApproval.Status == HttpStatusCode.Conflict, beforeApproval.ToString());
        Assert.Equal("state", beforeApproval.Field);
        await server.ApproveAsync(id);

        var noReason = await server.PostAsync(Secretary, $"/api/investigations/{id}/legal-hold", new { reason = "" });
        Assert.True(noReason.Status == HttpStatusCode.BadRequest, noReason.ToString());
        Assert.Equal("reason", noReason.Field);
        var releaseNothing = await server.PostAsync(Secretary, $"/api/investigations/{id}/legal-hold/release", new { reason = "nothing held" });
        Assert.True(releaseNothing.Status == HttpStatusCode.Conflict, releaseNothing.ToString());
        Assert.Equal("legalHold", releaseNothing.Field);

        var held = await server.PostAsync(Secretary, $"/api/investigations/{id}/legal-hold", new { reason = "Court case 2026/114 pending" });
        Assert.True(held.Status == HttpStatusCode.OK, held.ToString());
        var hold = held.Json!.Value.GetProperty("legalHold");
        Assert.True(hold.GetProperty("inForce").GetBoolean());
        Assert.Equal(("Court case 2026/114 pending", Secretary), (hold.GetProperty("reason").GetString(), hold.GetProperty("setBy").GetString()));
        var twice = await server.PostAsync(Secretary, $"/api/investigations/{id}/legal-hold", new { reason = "again" });
        Assert.True(twice.Status == HttpStatusCode.Conflict, twice.ToString());
        Assert.Equal("legalHold", twice.Field);

        var releaseNoReason = await server.PostAsync(Secretary, $"/api/investigations/{id}/legal-hold/release", new { reason = "  " });
        Assert.True(releaseNoReason.Status == HttpStatusCode.BadRequest, releaseNoReason.ToString());
        Assert.Equal("reason", releaseNoReason.Field);
        var released = await server.PostAsync(Secretary, $"/api/investigations/{id}/legal-hold/release", new { reason = "The court ruled; the case is closed" });
        Assert.True(released.Status == HttpStatusCode.OK, released.ToString());
        var after = released.Json!.Value.GetProperty("legalHold");
        Assert.False(after.GetProperty("inForce").GetBoolean());
        Assert.Equal(("The court ruled; the case is closed", Secretary), (after.GetProperty("releaseReason").GetString(), after.GetProperty("releasedBy").GetString()));

        var setRecord = Assert.Single(await server.RecordsAsync("legal_hold_set"));
        Assert.Equal((Secretary, Researcher, "Court case 2026/114 pending"),
            (setRecord.GetProperty("actor").GetString(), setRecord.GetProperty("subject").GetString(), InvestigationServer.Detail(setRecord, "reason")));
        var releaseRecord = Assert.Single(await server.RecordsAsync("legal_hold_released"));
        Assert.Equal((Secretary, Researcher, "The court ruled; the case is closed"),
            (releaseRecord.GetProperty("actor").GetString(), releaseRecord.GetProperty("subject").GetString(), InvestigationServer.Detail(releaseRecord, "reason")));
    }

    [Fact]
    public async Task A_legal_hold_needs_a_body_with_only_the_reason()
    {
        await using var server = await InvestigationServer.StartAsync();
        var id = await server.RequestAsync(Manager, Researcher, [SecurityOfficer]);
        await server.ApproveAsync(id);

        var noBody = await server.PostAsync(Secretary, $"/api/investigations/{id}/legal-hold");
        var typo = await server.PostAsync(Secretary, $"/api/investigations/{id}/legal-hold", new { reasn = "Court case pending" });

        Assert.True(noBody.Status == HttpStatusCode.BadRequest, noBody.ToString());
        Assert.Equal("body", noBody.Field);
        Assert.True(typo.Status == HttpStatusCode.BadRequest, typo.ToString());
        Assert.Equal("reasn", typo.Field);
        Assert.Empty(await server.RecordsAsync("legal_hold_set"));
    }
}
