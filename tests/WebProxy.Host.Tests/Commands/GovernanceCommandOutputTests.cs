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

    [Theory]
    [InlineData("Delete my data\u001b[2K\u001b[1A", "Delete my data\uFFFD[2K\uFFFD[1A")]
    [InlineData("bell\u0007 nul\u0000 backspace\u0008 cr\r", "bell\uFFFD nul\uFFFD backspace\uFFFD cr\uFFFD")]
    [InlineData("del\u007f c1-csi\u009b2J nel\u0085 pad\u0080", "del\uFFFD c1-csi\uFFFD2J nel\uFFFD pad\uFFFD")]
    [InlineData("granted \u202eFalse\u202c and \u2067isolated\u2069", "granted \uFFFDFalse\uFFFD and \uFFFDisolated\uFFFD")]
    [InlineData("tab\tand\nline feed stay; é, ü, € and \u00a0 too", "tab\tand\nline feed stay; é, ü, € and \u00a0 too")]
    public void Text_for_the_terminal_has_no_control_character_but_tab_and_line_feed(string text, string printed)
    {
        Assert.Equal(printed, GovernanceCommandOutput.Printable(text));
    }

    [Fact]
    public void A_table_cell_is_one_printable_line_and_the_columns_stay_aligned()
    {
        var table = GovernanceCommandOutput.Table(
            ["ID", "TEXT", "STATE"],
            [["1", "hidden\u001b[2K\u001b[1A\r\nrow\tend", "open"], ["22", "plain", "answered"]]);

        var lines = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            ["ID  TEXT                    STATE", "1   hidden\uFFFD[2K\uFFFD[1A row end  open", "22  plain                   answered"],
            lines);
    }

    [Fact]
    public void A_field_value_is_one_printable_line()
    {
        var fields = GovernanceCommandOutput.Fields([("reason", "Court\u001b]0;title\u0007\ncase"), ("by", "s.secretary")]);

        Assert.Equal("  reason  Court\uFFFD]0;title\uFFFD case\n  by      s.secretary\n", fields);
    }
}
