using WebProxy.Policy.Identity;
using WebProxy.Policy.Investigations;
using static WebProxy.Policy.Tests.Investigations.Town;

namespace WebProxy.Policy.Tests.Investigations;

/// <summary>Recording only while approved and inside the window, and stopping by itself at the end (articles 6.2, 6.3).</summary>
public sealed class InvestigationSetTests
{
    private static readonly DateTimeOffset Start = Now.AddHours(1);
    private static readonly DateTimeOffset End = Start.AddDays(7);

    [Fact]
    public void An_approved_investigation_records_from_its_start_inclusive_until_its_end_exclusive()
    {
        var set = InvestigationSet.Create([Approved(Request(start: Start, period: End - Start), at: Now)]);

        Assert.Null(set.ActiveFor(Suspect, Start.AddTicks(-1)));
        Assert.Equal(InvestigationScope.Traffic, set.ActiveFor(Suspect, Start));
        Assert.Equal(InvestigationScope.Traffic, set.ActiveFor(Suspect, End.AddTicks(-1)));
        Assert.Null(set.ActiveFor(Suspect, End));
        Assert.Null(set.ActiveFor(Colleague, Start));
        Assert.Null(set.ActiveFor("nobody", Start));
    }

    [Theory]
    [InlineData(InvestigationState.Requested)]
    [InlineData(InvestigationState.Refused)]
    public void An_investigation_that_was_not_approved_records_nothing(InvestigationState state)
    {
        var investigation = Request(start: Start) with
        {
            State = state,
            DecidedBy = state == InvestigationState.Refused ? Secretary : null,
            DecidedAt = state == InvestigationState.Refused ? Now : null,
        };
        var set = InvestigationSet.Create([investigation]);

        Assert.Null(set.ActiveFor(Suspect, Start));
        Assert.Null(set.ActiveFor(Suspect, Start.AddDays(1)));
        Assert.Empty(set.Capturing(Suspect, Start));
        Assert.Null(set.NextChange(Now));
    }

    [Fact]
    public void An_approval_after_the_start_records_from_the_approval_on()
    {
        var approvedAt = Start.AddDays(1);
        var set = InvestigationSet.Create([Approved(Request(start: Start), at: approvedAt)]);

        Assert.Null(set.ActiveFor(Suspect, approvedAt.AddTicks(-1)));
        Assert.Equal(InvestigationScope.Traffic, set.ActiveFor(Suspect, approvedAt));
    }

    [Fact]
    public void A_withdrawal_stops_recording_at_that_moment()
    {
        var withdrawnAt = Start.AddDays(2);
        var investigation = Approved(Request(start: Start), at: Now) with
        {
            State = InvestigationState.Withdrawn, WithdrawnBy = Manager, WithdrawnAt = withdrawnAt,
        };
        var set = InvestigationSet.Create([investigation]);

        Assert.Equal(InvestigationScope.Traffic, set.ActiveFor(Suspect, withdrawnAt.AddTicks(-1)));
        Assert.Null(set.ActiveFor(Suspect, withdrawnAt));
        Assert.Equal(withdrawnAt, investigation.CaptureEnd);
    }

    [Fact]
    public void Content_wins_over_traffic_and_each_investigation_records_in_its_own_scope()
    {
        var traffic = Approved(Request(start: Start, period: TimeSpan.FromDays(10)), at: Now);
        var content = Approved(Request(start: Start.AddDays(2), period: TimeSpan.FromDays(2), scope: InvestigationScope.Content), at: Now);
        var set = InvestigationSet.Create([traffic, content]);

        Assert.Equal(InvestigationScope.Traffic, set.ActiveFor(Suspect, Start.AddDays(1)));
        Assert.Equal(InvestigationScope.Content, set.ActiveFor(Suspect, Start.AddDays(2)));
        Assert.Equal([traffic.Id, content.Id], set.Capturing(Suspect, Start.AddDays(3)).Select(i => i.Id));
        Assert.Equal(InvestigationScope.Traffic, set.ActiveFor(Suspect, Start.AddDays(4)));
    }

    [Fact]
    public void A_subject_who_meanwhile_holds_a_protected_role_is_not_recorded()
    {
        var set = InvestigationSet.Create([Approved(Request(start: Start), at: Now)]);

        Assert.Equal(InvestigationScope.Traffic, set.ActiveFor(Suspect, People, Start));
        Assert.Null(set.ActiveFor(Suspect, WithProtected(Suspect, ProtectedRole.GoMember), Start));
        Assert.Null(set.ActiveFor(Suspect, People.WithoutPerson(Suspect), Start));
    }

    [Fact]
    public void Next_change_is_the_next_start_or_end_of_recording()
    {
        var investigation = Approved(Request(start: Start, period: End - Start), at: Now);
        var set = InvestigationSet.Create([investigation, Request(start: Start.AddHours(1))]);

        Assert.Equal(Start, set.NextChange(Now));
        Assert.Equal(End, set.NextChange(Start));
        Assert.Null(set.NextChange(End));
    }

    [Fact]
    public void The_set_knows_which_records_are_on_legal_hold()
    {
        var held = Approved(Request()) with { LegalHold = new LegalHold("Case", Secretary, Now) };
        var released = Approved(Request()) with
        {
            LegalHold = new LegalHold("Case", Secretary, Now) { ReleasedAt = Now.AddDays(1), ReleasedBy = Secretary, ReleaseReason = "Closed" },
        };
        var set = InvestigationSet.Create([held, released, Approved(Request())]);

        Assert.Equal([held.Id], set.OnLegalHold);
    }

    [Fact]
    public void Lookups_and_replacements()
    {
        var investigation = Request();
        var other = Request(subject: Colleague);
        var set = InvestigationSet.Create([investigation, other]);

        Assert.Same(investigation, set.Find(investigation.Id));
        Assert.Null(set.Find(Guid.NewGuid()));
        Assert.Equal([investigation.Id], set.For(Suspect).Select(i => i.Id));

        var approved = Approved(investigation);
        var changed = set.With(approved);
        Assert.Equal([approved.Id, other.Id], changed.All.Select(i => i.Id));
        Assert.Equal(InvestigationState.Approved, changed.Find(investigation.Id)!.State);
        Assert.Equal(InvestigationState.Requested, set.Find(investigation.Id)!.State);
        Assert.Throws<ArgumentException>(() => InvestigationSet.Create([investigation, investigation]));
    }

    [Fact]
    public void Scope_and_state_names_are_stable()
    {
        Assert.Equal("traffic", InvestigationNames.Name(InvestigationScope.Traffic));
        Assert.Equal("content", InvestigationNames.Name(InvestigationScope.Content));
        Assert.Equal("political-office-holder", InvestigationNames.Name(InvestigationKind.PoliticalOfficeHolder));
        Assert.True(InvestigationNames.TryParse("withdrawn", out InvestigationState state));
        Assert.Equal(InvestigationState.Withdrawn, state);
        Assert.False(InvestigationNames.TryParse("Content", out InvestigationScope _));
    }
}
