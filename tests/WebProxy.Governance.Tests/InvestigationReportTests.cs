using System.Text.Json;
using WebProxy.Governance.Tests.Support;
using WebProxy.Storage;
using static WebProxy.Governance.Tests.Support.InvestigationSteps;
using static WebProxy.Testing.TestOrganisation;

namespace WebProxy.Governance.Tests;

/// <summary>
/// The ombudsman case: the report goes only to the people named in advance, each read states its purpose and leaves a
/// record the subject can later see; everyone else is refused and leaves nothing.
/// </summary>
public sealed class InvestigationReportTests : IDisposable
{
    private readonly GovernanceFixture _org = new();

    public void Dispose() => _org.Dispose();

    [Fact]
    public void Each_named_reader_reads_and_each_read_is_recorded_with_its_purpose()
    {
        var approved = _org.Approved();
        _org.Clock.SetUtcNow(approved.Start.AddHours(3));
        _org.Instance.Captures.Append(approved.Id, _org.Clock.GetUtcNow(), "shop.example", null, 12_000, 800, null, "tunnel");
        _org.Instance.Captures.Append(approved.Id, _org.Clock.GetUtcNow().AddMinutes(1), "casino.example", null, 400, 300, "gambling", "refuse");

        var first = _org.Investigations.ReadReport(Actor.Api(Manager), approved.Id, "  Interview with the employee on Thursday ");
        _org.Clock.Advance(TimeSpan.FromDays(30));
        var second = _org.Investigations.ReadReport(Actor.Api(SecurityOfficer), approved.Id, "Checking for data exfiltration", format: "csv");

        Assert.True(first.Succeeded, first.Problem?.ToString());
        Assert.True(second.Succeeded, second.Problem?.ToString());
        Assert.Equal(["shop.example", "casino.example"], first.Value.Records.Select(r => r.Host));
        Assert.All(first.Value.Records, r => Assert.Null(r.Url));
        var reads = _org.Records(GovernanceAction.InvestigationReportRead);
        Assert.Equal(
            [(Manager, Researcher, "Interview with the employee on Thursday"), (SecurityOfficer, Researcher, "Checking for data exfiltration")],
            reads.Select(r => (r.Actor, r.Subject, r.Purpose)));
        var details = JsonDocument.Parse(reads[1].Details).RootElement;
        Assert.Equal(approved.Id, details.GetProperty("investigation").GetGuid());
        Assert.Equal(2, details.GetProperty("records").GetInt32());
        Assert.Equal("csv", details.GetProperty("format").GetString());
    }

    [Theory]
    [InlineData(Secretary, ProblemKind.Forbidden, "reader")]        // may know of it (she approved it), not named
    [InlineData(PrivacyOfficer, ProblemKind.Forbidden, "reader")]   // supervises, not named
    [InlineData(OtherManager, ProblemKind.NotFound, "id")]          // may not even know of it
    [InlineData(Colleague, ProblemKind.NotFound, "id")]
    [InlineData(Researcher, ProblemKind.Forbidden, "reader")]       // the subject knows of it (not deferred); their own data is article 8's overview
    [InlineData(ItPerson, ProblemKind.NotFound, "id")]
    [InlineData("x.onbekend", ProblemKind.NotFound, "id")]
    public void Anyone_but_a_named_reader_is_refused_and_leaves_no_record(string reader, ProblemKind kind, string field)
    {
        var approved = _org.Approved(_org.Request() with { Start = null });
        _org.Instance.Captures.Append(approved.Id, _org.Clock.GetUtcNow(), "shop.example", null, 1, 1, null, "allow");
        var before = _org.Records().Count;

        Refused.With(_org.Investigations.ReadReport(Actor.Api(reader), approved.Id, "Curiosity"), kind, field);

        Assert.Equal(before, _org.Records().Count);
    }

    [Fact]
    public void A_read_without_a_purpose_or_before_the_approval_is_refused_and_leaves_no_record()
    {
        var requested = _org.Requested();
        Refused.With(_org.Investigations.ReadReport(Actor.Api(Manager), requested.Id, "Preparing"), ProblemKind.Conflict, "state");

        _org.Investigations.Approve(Actor.Api(Secretary), requested.Id, new InvestigationApprovalRequest());
        Refused.With(_org.Investigations.ReadReport(Actor.Api(Manager), requested.Id, " "), ProblemKind.Invalid, "purpose");

        Assert.Empty(_org.Records(GovernanceAction.InvestigationReportRead));
    }

    [Fact]
    public void A_deferred_investigation_is_hidden_from_its_subject_until_it_ended()
    {
        var requested = _org.Requested();
        _org.Investigations.Approve(Actor.Api(Secretary), requested.Id, new InvestigationApprovalRequest(DeferDisclosure: true));

        Refused.With(_org.Investigations.ReadReport(Actor.Api(Researcher), requested.Id, "Mine"), ProblemKind.NotFound, "id");
        Assert.Empty(_org.Investigations.List(Actor.Api(Researcher), purpose: null).Value!);

        _org.Clock.SetUtcNow(requested.End);
        var mine = _org.Investigations.List(Actor.Api(Researcher), purpose: null);
        Assert.Equal([requested.Id], mine.Value!.Select(i => i.Id));
        Assert.Empty(_org.Records(GovernanceAction.PersonalDataRead)); // one's own data: no purpose, no record
    }

    [Fact]
    public void Listing_other_peoples_investigations_is_a_recorded_read_with_a_purpose()
    {
        var requested = _org.Requested();

        Refused.With(_org.Investigations.List(Actor.Api(Secretary), purpose: null), ProblemKind.Invalid, "purpose");
        var listed = _org.Investigations.List(Actor.Api(Secretary), "Deciding on pending requests");

        Assert.Equal([requested.Id], listed.Value!.Select(i => i.Id));
        var read = _org.Records(GovernanceAction.PersonalDataRead).Single();
        Assert.Equal((Secretary, Researcher, "Deciding on pending requests"), (read.Actor, read.Subject, read.Purpose));
        Assert.Empty(_org.Investigations.List(Actor.Api(OtherManager), "Curiosity").Value!);
    }

    [Fact]
    public void Records_captured_before_a_withdrawal_stay_readable_by_the_named_readers()
    {
        var approved = _org.Approved(_org.Request() with { Start = null });
        _org.Instance.Captures.Append(approved.Id, _org.Clock.GetUtcNow(), "shop.example", null, 1, 1, null, "allow");
        _org.Investigations.Withdraw(Actor.Api(Manager), approved.Id, "Cleared");

        var report = _org.Investigations.ReadReport(Actor.Api(Manager), approved.Id, "Closing the file");

        Assert.True(report.Succeeded, report.Problem?.ToString());
        Assert.Single(report.Value.Records);
    }
}
