using System.Text.Json;
using WebProxy.Governance.Tests.Support;
using WebProxy.Policy.Identity;
using WebProxy.Policy.Investigations;
using WebProxy.Storage;
using static WebProxy.Governance.Tests.Support.GovernanceFixture;
using static WebProxy.Governance.Tests.Support.InvestigationSteps;
using static WebProxy.Testing.TestOrganisation;

namespace WebProxy.Governance.Tests;

/// <summary>
/// A request names a subject, a purpose, a legal ground, a scope, a short period and its readers (article 6.2); it is
/// stored with one record, survives a restart, and a refused request writes nothing — except the refusal of a
/// protected person (6.6), which is recorded without naming them.
/// </summary>
public sealed class InvestigationRequestTests : IDisposable
{
    private readonly GovernanceFixture _org = new();

    public void Dispose() => _org.Dispose();

    [Fact]
    public void A_manager_requests_and_the_request_is_stored_with_one_record_and_survives_a_restart()
    {
        var requested = _org.Investigations.Request(Actor.Api(Manager), _org.Request(scope: "content"));

        Assert.True(requested.Succeeded, requested.Problem?.ToString());
        Assert.Equal((InvestigationState.Requested, InvestigationScope.Content, Researcher, Manager, Start),
            (requested.Value.State, requested.Value.Scope, requested.Value.SubjectId, requested.Value.RequestedBy, requested.Value.RequestedAt));
        var record = Assert.Single(_org.Records());
        Assert.Equal((GovernanceAction.InvestigationRequested, Manager, Researcher), (record.Action, record.Actor, record.Subject));
        var details = JsonDocument.Parse(record.Details).RootElement;
        Assert.Equal(requested.Value.Id, details.GetProperty("investigation").GetGuid());
        Assert.Equal("content", details.GetProperty("scope").GetString());
        Assert.Equal(Purpose, details.GetProperty("purpose").GetString());
        Assert.Equal(LegalGround, details.GetProperty("legalGround").GetString());
        Assert.Equal([Manager, SecurityOfficer], details.GetProperty("readers").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(Start.AddHours(1).AddDays(7), details.GetProperty("end").GetDateTimeOffset());

        using var restarted = _org.OpenAnotherInstance();
        Assert.Equal(requested.Value.Id, Assert.Single(restarted.State.Investigations.All).Id);
    }

    [Fact]
    public void A_security_officer_requests_too_and_an_omitted_scope_is_traffic()
    {
        var requested = _org.Investigations.Request(Actor.Api(SecurityOfficer), _org.Request() with { Scope = null, Start = null });

        Assert.True(requested.Succeeded, requested.Problem?.ToString());
        Assert.Equal((InvestigationScope.Traffic, Start), (requested.Value.Scope, requested.Value.Start));
    }

    [Theory]
    [InlineData("an employee requests", ProblemKind.Forbidden, "requestedBy")]
    [InlineData("the privacy officer requests", ProblemKind.Forbidden, "requestedBy")]
    [InlineData("a request into oneself", ProblemKind.Forbidden, "subject")]
    [InlineData("an unknown subject", ProblemKind.Invalid, "subject")]
    [InlineData("a period over 14 days", ProblemKind.Invalid, "end")]
    [InlineData("an end before the start", ProblemKind.Invalid, "end")]
    [InlineData("no end", ProblemKind.Invalid, "end")]
    [InlineData("a back-dated start", ProblemKind.Invalid, "start")]
    [InlineData("a blank purpose", ProblemKind.Invalid, "purpose")]
    [InlineData("no legal ground", ProblemKind.Invalid, "legalGround")]
    [InlineData("no readers", ProblemKind.Invalid, "readers")]
    [InlineData("an unknown reader", ProblemKind.Invalid, "readers")]
    [InlineData("an unknown scope", ProblemKind.Invalid, "scope")]
    [InlineData("an employee with an unknown scope", ProblemKind.Forbidden, "requestedBy")]
    public void A_refused_request_says_why_and_writes_nothing(string refusal, ProblemKind kind, string field)
    {
        var request = _org.Request();
        var (actor, asked) = refusal switch
        {
            "an employee requests" => (Colleague, request),
            "the privacy officer requests" => (PrivacyOfficer, request),
            "a request into oneself" => (Manager, request with { Subject = Manager }),
            "an unknown subject" => (Manager, request with { Subject = "x.onbekend" }),
            "a period over 14 days" => (Manager, request with { End = request.Start!.Value.AddDays(14).AddSeconds(1) }),
            "an end before the start" => (Manager, request with { End = request.Start!.Value.AddHours(-1) }),
            "no end" => (Manager, request with { End = null }),
            "a back-dated start" => (Manager, request with { Start = Start.AddDays(-1) }),
            "a blank purpose" => (Manager, request with { Purpose = "  " }),
            "no legal ground" => (Manager, request with { LegalGround = null }),
            "no readers" => (Manager, request with { Readers = null }),
            "an unknown reader" => (Manager, request with { Readers = [Manager, "x.onbekend"] }),
            "an unknown scope" => (Manager, request with { Scope = "bodies" }),
            "an employee with an unknown scope" => (Colleague, request with { Scope = "bodies" }),
            _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, "unknown case"),
        };

        var problem = Refused.With(_org.Investigations.Request(Actor.Api(actor), asked), kind, field);

        if (refusal == "a period over 14 days")
        {
            Assert.Contains("the maximum is 14 days", problem.Reason, StringComparison.Ordinal);
        }

        Assert.Null(_org.Log.Head());
        Assert.Empty(_org.Instance.InvestigationStore.Load().All);
        Assert.Empty(_org.State.Investigations.All);
    }

    [Fact]
    public void A_request_naming_a_works_council_member_is_refused_and_logged_without_their_id_or_name()
    {
        var problem = Refused.With(_org.Investigations.Request(Actor.Api(Manager), _org.Request(subject: WorksCouncilMember)), ProblemKind.Forbidden, "subject");

        Assert.Contains("article 6.6", problem.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(WorksCouncilMember, problem.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Wim Raad", problem.ToString(), StringComparison.OrdinalIgnoreCase);

        // The refusal is evidence: one record, by the requester, about nobody, with neither the id nor any free text.
        var record = Assert.Single(_org.Records());
        Assert.Equal((GovernanceAction.InvestigationRefused, Manager, null), (record.Action, record.Actor, record.Subject));
        Assert.Null(record.Purpose);
        Assert.Equal("request", JsonDocument.Parse(record.Details).RootElement.GetProperty("stage").GetString());
        Assert.DoesNotContain(WorksCouncilMember, record.Details, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Purpose, record.Details, StringComparison.Ordinal);

        // No row, and nowhere in the file's bytes (log, tables, WAL) is the person's id or name.
        Assert.Empty(_org.Instance.InvestigationStore.Load().All);
        var bytes = _org.GovernanceBytes();
        Assert.NotEmpty(bytes);
        Assert.False(Contains(bytes, WorksCouncilMember));
        Assert.False(Contains(bytes, "Wim Raad"));
        Assert.True(_org.Log.Verify().IsValid);
    }

    [Fact]
    public void Someone_who_may_not_request_does_not_learn_that_a_person_is_protected_and_leaves_no_record()
    {
        Refused.With(_org.Investigations.Request(Actor.Api(Colleague), _org.Request(subject: WorksCouncilMember)), ProblemKind.Forbidden, "requestedBy");

        Assert.Null(_org.Log.Head());
    }
}
