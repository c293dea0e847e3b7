using WebProxy.Host.Commands;
using WebProxy.Policy.Investigations;

namespace WebProxy.Host.Tests.Commands;

/// <summary>How the <c>investigations</c> command describes an investigation: as at the command's own "now", not the machine's.</summary>
public sealed class InvestigationTextTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private static readonly Investigation Approved = new()
    {
        Id = Guid.Parse("6f1c2a4e-0000-4000-8000-000000000001"),
        SubjectId = "r.bakker",
        Purpose = "Suspected misuse",
        LegalGround = "Regulation article 6.2",
        Scope = InvestigationScope.Traffic,
        Start = Start,
        End = Start.AddDays(7),
        Readers = ["s.officer"],
        RequestedBy = "m.manager",
        RequestedAt = Start.AddHours(-2),
        State = InvestigationState.Approved,
        DecidedBy = "s.secretary",
        DecidedAt = Start.AddHours(-1),
    };

    [Fact]
    public void Whether_it_records_is_told_as_at_the_now_the_command_gives()
    {
        var during = InvestigationText.Describe(Approved, TimeZoneInfo.Utc, Start.AddDays(1));
        var after = InvestigationText.Describe(Approved, TimeZoneInfo.Utc, Start.AddDays(8));

        Assert.Contains("recording     2026-03-02T08:00:00+00:00 until 2026-03-09T08:00:00+00:00 (recording now)\n", during, StringComparison.Ordinal);
        Assert.Contains("recording     2026-03-02T08:00:00+00:00 until 2026-03-09T08:00:00+00:00\n", after, StringComparison.Ordinal);
        Assert.DoesNotContain("recording now", after, StringComparison.Ordinal);
    }
}
