using WebProxy.Policy.Categories;
using WebProxy.Policy.Exemptions;
using WebProxy.Policy.Rules;
using static WebProxy.Policy.Tests.Exemptions.Organisation;

namespace WebProxy.Policy.Tests.Exemptions;

public sealed class ExemptionSetTests
{
    private static readonly DateTimeOffset Start = Now.AddHours(1);
    private static readonly DateTimeOffset End = Start.AddDays(7);

    [Fact]
    public void An_exemption_is_active_from_its_start_inclusive_until_its_end_exclusive()
    {
        var exemption = Research(start: Start, period: End - Start);
        Assert.False(ExemptionSet.IsActive(exemption, Start.AddTicks(-1)));
        Assert.True(ExemptionSet.IsActive(exemption, Start));
        Assert.True(ExemptionSet.IsActive(exemption, End.AddTicks(-1)));
        Assert.False(ExemptionSet.IsActive(exemption, End));
    }

    [Fact]
    public void A_revoked_exemption_stops_applying_at_the_moment_of_revocation()
    {
        var revokedAt = Start.AddDays(2);
        var exemption = Research(start: Start, period: End - Start) with { RevokedAt = revokedAt, RevokedBy = PrivacyOfficer };
        Assert.True(ExemptionSet.IsActive(exemption, revokedAt.AddTicks(-1)));
        Assert.False(ExemptionSet.IsActive(exemption, revokedAt));
        Assert.False(ExemptionSet.IsActive(exemption, End.AddTicks(-1)));
    }

    [Fact]
    public void Active_research_categories_are_the_union_of_overlapping_grants_and_only_the_subjects()
    {
        var set = ExemptionSet.Create(
        [
            Research(start: Start, period: TimeSpan.FromDays(10), categories: new HashSet<RegulationCategory> { RegulationCategory.Adult }),
            Research(start: Start.AddDays(5), period: TimeSpan.FromDays(10), categories: new HashSet<RegulationCategory> { RegulationCategory.Gambling, RegulationCategory.Chat }),
            Research(start: Start, period: TimeSpan.FromDays(30), subject: Colleague, categories: new HashSet<RegulationCategory> { RegulationCategory.Warez }),
            Size(start: Start),
        ]);

        Assert.Empty(set.ActiveResearchCategories(Researcher, Now));
        Assert.Equal([RegulationCategory.Adult], set.ActiveResearchCategories(Researcher, Start).Order());
        Assert.Equal(
            [RegulationCategory.Adult, RegulationCategory.Gambling, RegulationCategory.Chat],
            set.ActiveResearchCategories(Researcher, Start.AddDays(6)).Order());
        Assert.Equal(
            [RegulationCategory.Gambling, RegulationCategory.Chat],
            set.ActiveResearchCategories(Researcher, Start.AddDays(10)).Order());
        Assert.Equal([RegulationCategory.Warez], set.ActiveResearchCategories(Colleague, Start.AddDays(6)));
        Assert.Empty(set.ActiveResearchCategories(Employee, Start.AddDays(6)));
        Assert.Empty(set.ActiveResearchCategories("nobody", Start.AddDays(6)));
    }

    [Fact]
    public void Anyone_exempt_tells_whether_a_category_is_covered_now_without_saying_for_whom()
    {
        var set = ExemptionSet.Create(
        [
            Research(start: Start, period: TimeSpan.FromDays(10), categories: new HashSet<RegulationCategory> { RegulationCategory.Adult }),
            Research(start: Start, period: TimeSpan.FromDays(10), subject: Colleague, categories: new HashSet<RegulationCategory> { RegulationCategory.Chat })
                with { RevokedAt = Start.AddDays(1), RevokedBy = PrivacyOfficer },
        ]);

        Assert.False(set.AnyoneExempt(RegulationCategory.Adult, Start.AddTicks(-1)));
        Assert.True(set.AnyoneExempt(RegulationCategory.Adult, Start));
        Assert.False(set.AnyoneExempt(RegulationCategory.Gambling, Start));
        Assert.True(set.AnyoneExempt(RegulationCategory.Chat, Start));
        Assert.False(set.AnyoneExempt(RegulationCategory.Chat, Start.AddDays(1)));
        Assert.False(set.AnyoneExempt(RegulationCategory.Adult, Start.AddDays(10)));
    }

    [Fact]
    public void Active_size_limit_is_the_largest_active_one_or_null_without_one()
    {
        var set = ExemptionSet.Create(
        [
            Size(maxBytes: 1_000, start: Start, period: TimeSpan.FromDays(10)),
            Size(maxBytes: 5_000, start: Start.AddDays(2), period: TimeSpan.FromDays(2)),
            Size(maxBytes: 3_000, start: Start.AddDays(3), period: TimeSpan.FromDays(10)),
            Research(start: Start),
        ]);

        Assert.Null(set.ActiveSizeLimit(Researcher, Now));
        Assert.Equal(1_000, set.ActiveSizeLimit(Researcher, Start));
        Assert.Equal(5_000, set.ActiveSizeLimit(Researcher, Start.AddDays(3)));
        Assert.Equal(3_000, set.ActiveSizeLimit(Researcher, Start.AddDays(4)));
        Assert.Null(set.ActiveSizeLimit(Colleague, Start.AddDays(4)));
        Assert.Null(set.ActiveSizeLimit(Researcher, Start.AddDays(20)));
    }

    [Fact]
    public void An_active_size_exemption_without_a_limit_lifts_the_configured_limit()
    {
        var set = ExemptionSet.Create([Size(maxBytes: 1_000, start: Start), Size(maxBytes: null, start: Start)]);
        var limit = set.ActiveSizeLimit(Researcher, Start);
        Assert.Equal(long.MaxValue, limit);
    }

    [Fact]
    public void A_revoked_size_exemption_no_longer_counts()
    {
        var set = ExemptionSet.Create([Size(maxBytes: 9_000, start: Start) with { RevokedAt = Start.AddDays(1), RevokedBy = Architect }]);
        Assert.Equal(9_000, set.ActiveSizeLimit(Researcher, Start));
        Assert.Null(set.ActiveSizeLimit(Researcher, Start.AddDays(1)));
    }

    [Fact]
    public void Expired_lists_ended_exemptions_not_revoked_and_not_yet_recorded()
    {
        var ended = Research(start: Start, period: TimeSpan.FromDays(1));
        var recorded = Size(start: Start, period: TimeSpan.FromDays(1)) with { ExpiryRecorded = true };
        var revoked = Research(start: Start, period: TimeSpan.FromDays(1)) with { RevokedAt = Start.AddHours(1), RevokedBy = ManagerP };
        var running = Research(start: Start, period: TimeSpan.FromDays(5));
        var set = ExemptionSet.Create([ended, recorded, revoked, running]);

        Assert.Empty(set.Expired(Start.AddDays(1).AddTicks(-1)));
        Assert.Equal([ended], set.Expired(Start.AddDays(1)));
        Assert.Equal([ended, running], set.Expired(Start.AddDays(5)));

        var marked = set.With(ended with { ExpiryRecorded = true });
        Assert.Equal([running], marked.Expired(Start.AddDays(5)));
        Assert.Equal(4, marked.All.Count);
    }

    [Fact]
    public void NextChange_is_the_next_start_end_or_revocation_after_now()
    {
        var first = Research(start: Start, period: TimeSpan.FromDays(3));
        var second = Size(start: Start.AddDays(1), period: TimeSpan.FromDays(1)) with { RevokedAt = Start.AddDays(1).AddHours(6), RevokedBy = Architect };
        var set = ExemptionSet.Create([first, second]);

        Assert.Equal(Start, set.NextChange(Now));
        Assert.Equal(Start.AddDays(1), set.NextChange(Start)); // strictly after now
        Assert.Equal(Start.AddDays(1).AddHours(6), set.NextChange(Start.AddDays(1))); // the revocation, not the original end
        Assert.Equal(Start.AddDays(3), set.NextChange(Start.AddDays(1).AddHours(6)));
        Assert.Null(set.NextChange(Start.AddDays(3)));
        Assert.Null(ExemptionSet.Empty.NextChange(Now));
    }

    [Fact]
    public void An_exemption_revoked_before_it_started_never_changes_anything()
    {
        var set = ExemptionSet.Create([Research(start: Start) with { RevokedAt = Now, RevokedBy = ManagerP }]);
        Assert.Null(set.NextChange(Now));
        Assert.Empty(set.ActiveResearchCategories(Researcher, Start));
    }

    [Fact]
    public void The_set_feeds_the_policy_engine_download_limit()
    {
        var engine = new PolicyEngine(
            CategoryIndex.Empty,
            CategoryMapping.Empty,
            new PolicySettings { DownloadLimitBytes = 100_000_000 });
        var set = ExemptionSet.Create([Size(maxBytes: 2_000_000_000, start: Start)]);

        Assert.Equal(100_000_000, engine.DownloadLimit(set.ActiveSizeLimit(Researcher, Now)));
        Assert.Equal(2_000_000_000, engine.DownloadLimit(set.ActiveSizeLimit(Researcher, Start)));
        Assert.Equal(100_000_000, engine.DownloadLimit(set.ActiveSizeLimit(Colleague, Start)));
    }

    [Fact]
    public void Duplicate_ids_are_refused_and_With_replaces_by_id()
    {
        var exemption = Research();
        Assert.Throws<ArgumentException>(() => ExemptionSet.Create([exemption, Size() with { Id = exemption.Id }]));

        var set = ExemptionSet.Create([exemption, Size()]);
        var revoked = exemption with { RevokedAt = Now, RevokedBy = ManagerP };
        var updated = set.With(revoked);
        Assert.Same(revoked, updated.Find(exemption.Id));
        Assert.Same(exemption, set.Find(exemption.Id));
        Assert.Equal(2, updated.All.Count);
        Assert.Equal(2, updated.For(Researcher).Count);
    }
}
