using WebProxy.Host.Commands;

namespace WebProxy.Host.Tests.Commands;

/// <summary>How the governance commands read dates and name the option a service's refusal is about.</summary>
public sealed class GovernanceCommandOutputTests
{
    [Theory]
    [InlineData("subject", "--subject")]
    [InlineData("grantedBy", "--by")]
    [InlineData("actor", "--by")]
    [InlineData("revokedBy", "--by")]
    [InlineData("categories", "--category")]
    [InlineData("start", "--start")]
    [InlineData("end", "--end")]
    [InlineData("reason", "--reason")]
    [InlineData("maxBytes", "--max-bytes")]
    [InlineData("purpose", "--purpose")]
    [InlineData("roles", "--role")]
    [InlineData("password", "--password-stdin")]
    [InlineData("id", "<id>")]
    [InlineData("directory", "directory")]
    public void A_problem_field_is_named_as_its_option(string field, string option)
    {
        Assert.Equal(option, GovernanceCommandOutput.OptionFor(field));
    }

    [Fact]
    public void An_instant_with_an_offset_keeps_it_and_one_without_is_UTC()
    {
        Assert.True(GovernanceCommandOutput.TryReadInstant("2026-12-01T17:00:00+01:00", out var withOffset, out _));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 16, 0, 0, TimeSpan.Zero), withOffset);
        Assert.True(GovernanceCommandOutput.TryReadInstant("2026-12-01T17:00:00", out var withoutOffset, out _));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 17, 0, 0, TimeSpan.Zero), withoutOffset);
        Assert.True(GovernanceCommandOutput.TryReadInstant(null, out var absent, out _));
        Assert.Null(absent);
        Assert.False(GovernanceCommandOutput.TryReadInstant("next friday", out _, out var reason));
        Assert.Equal("'next friday' is not a date and time (ISO 8601, e.g. 2026-12-01T17:00:00+01:00)", reason);
    }

    [Fact]
    public void Times_are_shown_in_the_given_zone_with_their_offset()
    {
        var amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

        Assert.Equal("2026-12-01T17:00:00+01:00", GovernanceCommandOutput.Show(new DateTimeOffset(2026, 12, 1, 16, 0, 0, TimeSpan.Zero), amsterdam));
        Assert.Equal("2026-07-01T18:00:00+02:00", GovernanceCommandOutput.Show(new DateTimeOffset(2026, 7, 1, 16, 0, 0, TimeSpan.Zero), amsterdam));
    }
}
