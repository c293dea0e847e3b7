using System.Text.Json;
using WebProxy.Governance.Tests.Support;
using WebProxy.Policy.Rules;
using WebProxy.Storage;
using static WebProxy.Governance.Tests.Support.GovernanceFixture;
using static WebProxy.Testing.TestOrganisation;

namespace WebProxy.Governance.Tests;

/// <summary>
/// A research exemption granted by the subject's direct manager is stored, survives a restart, applies to the subject
/// only, and leaves exactly one record that says what was granted, for how long and why.
/// </summary>
public sealed class ResearchGrantTests : IDisposable
{
    private readonly GovernanceFixture _org = new();

    public void Dispose() => _org.Dispose();

    [Fact]
    public void The_direct_manager_grants_research_and_it_survives_a_restart()
    {
        var granted = _org.Exemptions.GrantResearch(Actor.Api(Manager), Request());

        Assert.True(granted.Succeeded, granted.Problem?.ToString());
        using var restarted = _org.OpenAnotherInstance();
        var stored = Assert.Single(restarted.State.Exemptions.All);
        Assert.Equal(granted.Value.Id, stored.Id);
        Assert.Equal((Researcher, Manager), (stored.SubjectId, stored.GrantedBy));
    }

    [Fact]
    public void The_grant_applies_to_the_subject_only()
    {
        _org.Exemptions.GrantResearch(Actor.Api(Manager), Request());

        var now = _org.Clock.GetUtcNow();
        var exemptions = _org.State.Exemptions;
        Assert.Equal(new HashSet<RegulationCategory> { RegulationCategory.Gambling, RegulationCategory.Chat },
            exemptions.ActiveResearchCategories(Researcher, now));
        Assert.Empty(exemptions.ActiveResearchCategories(Colleague, now));
        Assert.Empty(exemptions.ActiveResearchCategories(Manager, now));
    }

    [Fact]
    public void The_grant_writes_one_record_with_subject_categories_period_reason_and_door()
    {
        var granted = _org.Exemptions.GrantResearch(Actor.Page(Manager), Request());

        var record = Assert.Single(_org.Records());
        Assert.Equal((GovernanceAction.ExemptionGranted, Manager, Researcher), (record.Action, record.Actor, record.Subject));
        var details = JsonDocument.Parse(record.Details).RootElement;
        Assert.Equal(granted.Value!.Id, details.GetProperty("exemption").GetGuid());
        Assert.Equal("research", details.GetProperty("kind").GetString());
        Assert.Equal(["gambling", "chat"], details.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(Start, details.GetProperty("start").GetDateTimeOffset());
        Assert.Equal(Start.AddDays(30), details.GetProperty("end").GetDateTimeOffset());
        // The reason is in the exemption; the log, never deleted, holds only its hash.
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("Investigation 2025-031 into online gambling permits"u8)),
            details.GetProperty("reasonSha256").GetString());
        Assert.DoesNotContain("gambling permits", record.Details, StringComparison.Ordinal);
        Assert.Equal("page", details.GetProperty("via").GetString());
    }

    [Theory]
    [InlineData("a self-grant")]
    [InlineData("another team's manager")]
    [InlineData("a non-manager")]
    [InlineData("an unknown subject")]
    [InlineData("an unknown category")]
    [InlineData("an end before the start")]
    [InlineData("a period over 90 days")]
    [InlineData("no end")]
    [InlineData("a blank reason")]
    [InlineData("a non-manager with an unknown category")]
    [InlineData("a non-manager without an end")]
    public void A_refused_grant_says_why_and_writes_nothing(string refusal)
    {
        var (actor, request, kind, field) = refusal switch
        {
            "a self-grant" => (Manager, Request() with { Subject = Manager }, ProblemKind.Forbidden, "grantedBy"),
            "another team's manager" => (OtherManager, Request(), ProblemKind.Forbidden, "grantedBy"),
            "a non-manager" => (Colleague, Request(), ProblemKind.Forbidden, "grantedBy"),
            "an unknown subject" => (Manager, Request() with { Subject = "x.onbekend" }, ProblemKind.Invalid, "subject"),
            "an unknown category" => (Manager, Request() with { Categories = ["casino"] }, ProblemKind.Invalid, "categories"),
            "an end before the start" => (Manager, Request() with { Start = Start.AddDays(2), End = Start.AddDays(1) }, ProblemKind.Invalid, "end"),
            "a period over 90 days" => (Manager, Request() with { End = Start.AddDays(91) }, ProblemKind.Invalid, "end"),
            "no end" => (Manager, Request() with { End = null }, ProblemKind.Invalid, "end"),
            "a blank reason" => (Manager, Request() with { Reason = "   " }, ProblemKind.Invalid, "reason"),

            // Who acts is checked first: someone who may not grant learns nothing about the rest.
            "a non-manager with an unknown category" => (Colleague, Request() with { Categories = ["casino"] }, ProblemKind.Forbidden, "grantedBy"),
            "a non-manager without an end" => (Colleague, Request() with { End = null }, ProblemKind.Forbidden, "grantedBy"),
            _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, "unknown case"),
        };

        Refused.With(_org.Exemptions.GrantResearch(Actor.Api(actor), request), kind, field);

        Assert.Null(_org.Log.Head());
        Assert.Empty(_org.Instance.Store.Load().All);
        Assert.Empty(_org.State.Exemptions.All);
    }

    private static ResearchGrantRequest Request() =>
        new(Researcher, ["chat", "gambling"], null, Start.AddDays(30), "  Investigation 2025-031 into online gambling permits ");
}
